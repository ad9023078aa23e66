# affect-stream CPU runtime image: the Maven-built jar on an Eclipse Temurin 17 JRE (Ubuntu 24.04).
# The jar bundles FFmpeg, RocksDB and ONNX Runtime (CPU build) natives for linux-x86_64.
#
# Build from the repository root, after `mvn -B -ntp package -DskipTests`:
#   docker build -f docker/cpu.Dockerfile -t affect-stream:0.1.0-SNAPSHOT .
# Run a stage:
#   docker run --rm affect-stream:0.1.0-SNAPSHOT vision --bootstrap-servers kafka:9093 --kafka-config /etc/affect/kafka.properties
#
# Runs as UID/GID 10001, never root. The root filesystem can be read-only: everything the process writes
# goes to /tmp (native libraries, JavaCPP's cache) and to the --state-dir, both volumes in Kubernetes.
ARG JRE_IMAGE=eclipse-temurin:17-jre-noble
FROM ${JRE_IMAGE}

ARG JAR=cli/target/affect.jar

RUN groupadd --system --gid 10001 affect \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin affect \
 && mkdir -p /opt/affect /var/lib/affect/state \
 && chown 10001:10001 /var/lib/affect/state

COPY ${JAR} /opt/affect/affect.jar

# JVM sized to the container's memory limit; the rest of the limit is left to native memory (RocksDB,
# ONNX Runtime, FFmpeg, Kafka buffers). The Kubernetes manifests set their own JDK_JAVA_OPTIONS per stage.
ENV JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=60.0 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp -Dorg.bytedeco.javacpp.cachedir=/tmp/javacpp"

USER 10001:10001
WORKDIR /tmp
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/opt/affect/affect.jar"]
CMD ["--help"]
