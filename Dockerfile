# klink-sync in a container: a Maven build stage, then a JRE 17 runtime that runs `klink-sync run` as a non-root user.
#   docker build -t klink-sync .
#   docker run -e KLINK_TOKEN=... -p 8080:8080 -v klink-data:/opt/klink-sync/data klink-sync
# The image holds config/ and routes/ (read at start, so a mounted config/ replaces the shipped one) and bin/klink-sync,
# which runs target/klink-sync.jar with the JVM options each command is measured with.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml ./
RUN mvn -B -q dependency:go-offline
# The jar carries the sandbox's seed data (samples/sandbox) and the shipped settings (config/application.properties).
COPY src ./src
COPY config ./config
COPY samples/sandbox ./samples/sandbox
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
RUN groupadd --system klink && useradd --system --gid klink --home-dir /opt/klink-sync --shell /usr/sbin/nologin klink
WORKDIR /opt/klink-sync
COPY --from=build /build/target/klink-sync.jar ./target/klink-sync.jar
COPY bin ./bin
COPY config ./config
COPY routes ./routes
RUN mkdir -p data && chown -R klink:klink data config
USER klink
# The H2 mirror, the CSV mirror and the import inbox live under data/ by default (config/application.properties).
VOLUME ["/opt/klink-sync/data", "/opt/klink-sync/config"]
# /observe/health and /observe/metrics must be reachable from outside the container.
ENV KLINK_SERVER_HOST=0.0.0.0
EXPOSE 8080
ENTRYPOINT ["bin/klink-sync"]
CMD ["run"]
