# The meek-tracker image used by docker-compose.yml: one jar, every command
# (topics, produce, streams, consumers, demo, scenario, bench).
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -q -DskipTests install -pl launcher -am

FROM eclipse-temurin:17-jre
RUN useradd --system --home-dir /var/lib/meek-tracker --create-home meek
COPY --from=build /src/launcher/target/meek-tracker.jar /opt/meek-tracker/meek-tracker.jar
USER meek
WORKDIR /var/lib/meek-tracker
# 9404: /metrics (meek.metrics.port); 7070: interactive queries (meek.http.port).
EXPOSE 9404 7070
ENTRYPOINT ["java", "-Xmx512m", "-XX:+UseSerialGC", "-jar", "/opt/meek-tracker/meek-tracker.jar"]
CMD ["--help"]
