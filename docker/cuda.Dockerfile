# affect-stream GPU runtime image: the jar built with ONNX Runtime's CUDA 12 build (Maven profile `cuda`,
# com.microsoft.onnxruntime:onnxruntime_gpu 1.23.x) on an NVIDIA CUDA 12 runtime + cuDNN 9 base, with the
# Eclipse Temurin 17 JRE copied in. ONNX Runtime 1.23's CUDA build needs CUDA 12.x and cuDNN 9.x; the
# runtime libraries come from this base image, the driver from the node (NVIDIA's container toolkit).
# Node driver: one that supports the base image's CUDA 12 release (CUDA minor version compatibility
# lets any 12.x runtime run on a driver of the 12.0 generation or newer, R525+).
#
# Build from the repository root:
#   mvn -B -ntp package -DskipTests -Pcuda
#   docker build -f docker/cuda.Dockerfile -t affect-stream-cuda:0.1.0-SNAPSHOT .
# Check it sees the GPU (on a machine with an NVIDIA GPU and the container toolkit):
#   docker run --rm --gpus all --entrypoint nvidia-smi affect-stream-cuda:0.1.0-SNAPSHOT
#
# Runs as UID/GID 10001, never root, and works on a read-only root filesystem (writes only /tmp and the
# --state-dir).
ARG CUDA_IMAGE=nvidia/cuda:12.8.1-cudnn-runtime-ubuntu24.04
ARG JRE_IMAGE=eclipse-temurin:17-jre-noble

FROM ${JRE_IMAGE} AS jre

FROM ${CUDA_IMAGE}

ARG JAR=cli/target/affect.jar

ENV JAVA_HOME=/opt/java/openjdk
ENV PATH="${JAVA_HOME}/bin:${PATH}"
COPY --from=jre /opt/java/openjdk /opt/java/openjdk

RUN groupadd --system --gid 10001 affect \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin affect \
 && mkdir -p /opt/affect /var/lib/affect/state \
 && chown 10001:10001 /var/lib/affect/state \
 && java -version

COPY ${JAR} /opt/affect/affect.jar

# Heap smaller than on CPU: the CUDA context, cuDNN workspaces and pinned buffers live in host memory too.
ENV JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=40.0 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp -Dorg.bytedeco.javacpp.cachedir=/tmp/javacpp"
# Make the GPU visible to the container (the nvidia/cuda base sets these too; stated for clarity).
ENV NVIDIA_VISIBLE_DEVICES=all \
    NVIDIA_DRIVER_CAPABILITIES=compute,utility

USER 10001:10001
WORKDIR /tmp
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/opt/affect/affect.jar"]
CMD ["--help"]
