# syntax=docker/dockerfile:1

# Build: the runnable jar is attached with the classifier "exec" (the plain jar stays a library).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml application.yaml ./
COPY routes ./routes
COPY src ./src
RUN --mount=type=cache,target=/root/.m2 mvn -B -DskipTests package

# Run: a JRE, a non-root user and the jar, which holds the bundle's settings and routes (camel-rtms/ on
# its class path). Mount routes at /app/routes or an /app/application.yaml to override them.
FROM eclipse-temurin:17-jre
RUN groupadd --system rtms && useradd --system --gid rtms --home-dir /app --shell /usr/sbin/nologin rtms
WORKDIR /app
# The jar extracted (a class data sharing archive cannot hold classes read from nested jars) and an
# AppCDS archive trained by one start of the bundle, its start-up warm-up included: the container is
# ready in about 0.55x the time and CPU of `java -jar` (BENCHMARKS.md). The archive belongs to this
# image's java; a JVM that cannot use it warns and starts without it.
COPY --from=build /build/target/camel-rtms-*-exec.jar /tmp/camel-rtms.jar
COPY deploy/docker/cds-archive.sh /tmp/cds-archive.sh
RUN java -Djarmode=tools -jar /tmp/camel-rtms.jar extract --destination /app/jar \
    && bash /tmp/cds-archive.sh /app/jar \
    && rm /tmp/camel-rtms.jar /tmp/cds-archive.sh
RUN mkdir -p /app/data && chown rtms:rtms /app/data
USER rtms
EXPOSE 8080
# The actuator listens on 8081, on the container's loopback interface only: for probes from outside the
# container set RTMS_MANAGEMENT_ADDRESS=0.0.0.0 and keep 8081 private (docs/security.md).
# Secrets (ZOOM_WEBHOOK_SECRET_TOKEN, ZOOM_CLIENT_ID, ZOOM_CLIENT_SECRET) come from the environment at run time.
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/jar/camel-rtms.jsa", "-jar", "/app/jar/camel-rtms.jar"]
