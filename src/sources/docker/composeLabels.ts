// The labels Docker Compose puts on every container it creates: which project and which service a
// container is of, the same across the containers compose replaces.

export const COMPOSE_PROJECT_LABEL = 'com.docker.compose.project';
export const COMPOSE_SERVICE_LABEL = 'com.docker.compose.service';
