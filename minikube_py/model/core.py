"""core/v1: pods and their parts, services, endpoints, config maps, secrets,
service accounts, nodes, events, replication controllers, limit ranges,
resource quotas, namespaces, bindings, persistent volumes and their claims, and pod
templates."""

from __future__ import annotations

from typing import Annotated

from minikube_py.model._base import (
    Base,
    Bytes,
    FreeForm,
    Int32,
    Int64,
    IntOrString,
    MicroTime,
    Quantity,
    Time,
    atomic,
    doc,
    merge_list,
)
from minikube_py.model.meta import Condition, LabelSelector, ListMeta, ObjectMeta

SCHEMA_PACKAGE = "io.k8s.api.core.v1"

_META = "Standard object metadata."
_LIST_META = "Standard list metadata."
_API_VERSION = "Versioned schema of this object, e.g. v1 or apps/v1."
_KIND = "The REST kind of this object, in CamelCase, e.g. Pod."
_PROTOCOLS = ("SCTP", "TCP", "UDP")
_ResourceList = dict[str, Quantity]


# --- references -----------------------------------------------------------------------


class LocalObjectReference(Base, kw_only=True):
    """Names an object in the same namespace."""

    name: Annotated[str | None, doc("Name of the referent.")] = None


class ObjectReference(Base, kw_only=True):
    """A reference to any object, possibly to a field inside it."""

    kind: Annotated[str | None, doc("Kind of the referent.")] = None
    namespace: Annotated[str | None, doc("Namespace of the referent.")] = None
    name: Annotated[str | None, doc("Name of the referent.")] = None
    uid: Annotated[str | None, doc("UID of the referent.")] = None
    apiVersion: Annotated[str | None, doc("API version of the referent.")] = None
    resourceVersion: Annotated[
        str | None, doc("The resource version the reference was made at.")
    ] = None
    fieldPath: Annotated[
        str | None, doc("A field inside the referent, e.g. spec.containers{app}.")
    ] = None


class TypedLocalObjectReference(Base, kw_only=True):
    """Names a typed object in the same namespace."""

    apiGroup: Annotated[str | None, doc("API group of the referent; empty for the core group.")] = (
        None
    )
    kind: Annotated[str, doc("Kind of the referent.")]
    name: Annotated[str, doc("Name of the referent.")]


# --- environment ----------------------------------------------------------------------


class ConfigMapKeySelector(Base, kw_only=True):
    """Selects one key of a ConfigMap."""

    name: Annotated[str | None, doc("Name of the ConfigMap.")] = None
    key: Annotated[str, doc("The key to select.")]
    optional: Annotated[bool | None, doc("Whether the ConfigMap or key may be missing.")] = None


class SecretKeySelector(Base, kw_only=True):
    """Selects one key of a Secret."""

    name: Annotated[str | None, doc("Name of the Secret.")] = None
    key: Annotated[str, doc("The key to select.")]
    optional: Annotated[bool | None, doc("Whether the Secret or key may be missing.")] = None


class ObjectFieldSelector(Base, kw_only=True):
    """Selects a field of the pod, e.g. metadata.name or status.podIP."""

    apiVersion: Annotated[
        str | None, doc("Version the field path is written in; v1 by default.")
    ] = None
    fieldPath: Annotated[str, doc("Path of the field to select.")]


class ResourceFieldSelector(Base, kw_only=True):
    """Selects a container resource, e.g. limits.cpu."""

    containerName: Annotated[str | None, doc("Container name; required for volumes.")] = None
    resource: Annotated[str, doc("Resource to select, e.g. requests.memory.")]
    divisor: Annotated[Quantity | None, doc("Unit the value is expressed in; 1 by default.")] = None


class EnvVarSource(Base, kw_only=True):
    """Where an environment variable's value comes from."""

    fieldRef: Annotated[ObjectFieldSelector | None, doc("A field of the pod.")] = None
    resourceFieldRef: Annotated[
        ResourceFieldSelector | None, doc("A resource limit or request.")
    ] = None
    configMapKeyRef: Annotated[ConfigMapKeySelector | None, doc("A key of a ConfigMap.")] = None
    secretKeyRef: Annotated[SecretKeySelector | None, doc("A key of a Secret.")] = None
    fileKeyRef: Annotated[FreeForm | None, doc("A key of an env file in a volume.")] = None


class EnvVar(Base, kw_only=True):
    """An environment variable of a container."""

    name: Annotated[str, doc("Name of the variable.")]
    value: Annotated[
        str | None, doc("The value; $(VAR) references to earlier variables are expanded.")
    ] = None
    valueFrom: Annotated[
        EnvVarSource | None, doc("Source of the value; not allowed with value.")
    ] = None


class ConfigMapEnvSource(Base, kw_only=True):
    """Exposes every key of a ConfigMap as environment variables."""

    name: Annotated[str | None, doc("Name of the ConfigMap.")] = None
    optional: Annotated[bool | None, doc("Whether the ConfigMap may be missing.")] = None


class SecretEnvSource(Base, kw_only=True):
    """Exposes every key of a Secret as environment variables."""

    name: Annotated[str | None, doc("Name of the Secret.")] = None
    optional: Annotated[bool | None, doc("Whether the Secret may be missing.")] = None


class EnvFromSource(Base, kw_only=True):
    """A set of environment variables taken from a ConfigMap or Secret."""

    prefix: Annotated[str | None, doc("Prefix added to every variable name.")] = None
    configMapRef: Annotated[ConfigMapEnvSource | None, doc("The ConfigMap to read.")] = None
    secretRef: Annotated[SecretEnvSource | None, doc("The Secret to read.")] = None


# --- resources ------------------------------------------------------------------------


class ResourceClaim(Base, kw_only=True):
    """A reference to one of the pod's resource claims."""

    name: Annotated[str, doc("Name of an entry in pod.spec.resourceClaims.")]
    request: Annotated[str | None, doc("One request of the claim.")] = None


class ResourceRequirements(Base, kw_only=True):
    """Compute resources a container requests and may use at most."""

    limits: Annotated[_ResourceList | None, doc("Most of each resource the container may use.")] = (
        None
    )
    requests: Annotated[
        _ResourceList | None, doc("Least of each resource the container needs; defaults to limits.")
    ] = None
    claims: Annotated[
        list[ResourceClaim] | None,
        doc("Dynamic resource claims used.", list_type="map", map_keys=("name",)),
    ] = None


class ContainerResizePolicy(Base, kw_only=True):
    """How a container reacts to an in-place resource resize."""

    resourceName: Annotated[str, doc("cpu or memory.")]
    restartPolicy: Annotated[str, doc("NotRequired or RestartContainer.")]


# --- ports, mounts ----------------------------------------------------------------------


class ContainerPort(Base, kw_only=True):
    """A network port a container exposes."""

    name: Annotated[str | None, doc("IANA service name, unique within the pod.")] = None
    hostPort: Annotated[Int32 | None, doc("Port opened on the host, if any.")] = None
    containerPort: Annotated[Int32, doc("Port number in the pod's IP, 1-65535.")]
    protocol: Annotated[str | None, doc("UDP, TCP or SCTP; TCP by default.", enum=_PROTOCOLS)] = (
        None
    )
    hostIP: Annotated[str | None, doc("Host IP to bind the host port to.")] = None


class VolumeMount(Base, kw_only=True):
    """Mounts a volume into a container."""

    name: Annotated[str, doc("Name of the pod volume.")]
    readOnly: Annotated[bool | None, doc("Mount read-only.")] = None
    recursiveReadOnly: Annotated[str | None, doc("Disabled, IfPossible or Enabled.")] = None
    mountPath: Annotated[str, doc("Path inside the container; must not contain ':'.")]
    subPath: Annotated[str | None, doc("Path within the volume to mount instead of its root.")] = (
        None
    )
    mountPropagation: Annotated[
        str | None,
        doc(
            "None, HostToContainer or Bidirectional.",
            enum=("Bidirectional", "HostToContainer", "None"),
        ),
    ] = None
    subPathExpr: Annotated[str | None, doc("Like subPath, with $(VAR) expansion.")] = None


class VolumeDevice(Base, kw_only=True):
    """Maps a raw block volume into a container."""

    name: Annotated[str, doc("Name of a persistentVolumeClaim volume of the pod.")]
    devicePath: Annotated[str, doc("Device path inside the container.")]


# --- probes and lifecycle -------------------------------------------------------------


class ExecAction(Base, kw_only=True):
    """Runs a command inside the container."""

    command: Annotated[
        list[str] | None, atomic("Command line; not run in a shell. Exit 0 is healthy.")
    ] = None


class HTTPHeader(Base, kw_only=True):
    """A header of an HTTP probe."""

    name: Annotated[str, doc("Header name.")]
    value: Annotated[str, doc("Header value.")]


class HTTPGetAction(Base, kw_only=True):
    """Sends an HTTP GET request."""

    path: Annotated[str | None, doc("Request path.")] = None
    port: Annotated[IntOrString, doc("Port number or name.")]
    host: Annotated[str | None, doc("Host to connect to; the pod IP by default.")] = None
    scheme: Annotated[
        str | None, doc("HTTP or HTTPS; HTTP by default.", enum=("HTTP", "HTTPS"))
    ] = None
    httpHeaders: Annotated[list[HTTPHeader] | None, atomic("Extra request headers.")] = None


class TCPSocketAction(Base, kw_only=True):
    """Opens a TCP connection."""

    port: Annotated[IntOrString, doc("Port number or name.")]
    host: Annotated[str | None, doc("Host to connect to; the pod IP by default.")] = None


class GRPCAction(Base, kw_only=True):
    """Calls the gRPC health checking service."""

    port: Annotated[Int32, doc("Port number of the gRPC service.")]
    service: Annotated[str | None, doc("Service name sent in the health check request.")] = None


class SleepAction(Base, kw_only=True):
    """Waits a while."""

    seconds: Annotated[Int64, doc("Seconds to sleep.")]


class Probe(Base, kw_only=True):
    """A health check of a container."""

    exec: Annotated[ExecAction | None, doc("Run a command.")] = None
    httpGet: Annotated[HTTPGetAction | None, doc("Send an HTTP GET.")] = None
    tcpSocket: Annotated[TCPSocketAction | None, doc("Open a TCP connection.")] = None
    grpc: Annotated[GRPCAction | None, doc("Call the gRPC health service.")] = None
    initialDelaySeconds: Annotated[
        Int32 | None, doc("Seconds after start before the first probe.")
    ] = None
    timeoutSeconds: Annotated[
        Int32 | None, doc("Seconds before a probe times out; 1 by default.")
    ] = None
    periodSeconds: Annotated[Int32 | None, doc("Seconds between probes; 10 by default.")] = None
    successThreshold: Annotated[
        Int32 | None, doc("Successes in a row to count as healthy; 1 by default.")
    ] = None
    failureThreshold: Annotated[
        Int32 | None, doc("Failures in a row to count as failed; 3 by default.")
    ] = None
    terminationGracePeriodSeconds: Annotated[
        Int64 | None, doc("Grace period when a failed probe kills the container.")
    ] = None


class LifecycleHandler(Base, kw_only=True):
    """An action run at a lifecycle hook."""

    exec: Annotated[ExecAction | None, doc("Run a command.")] = None
    httpGet: Annotated[HTTPGetAction | None, doc("Send an HTTP GET.")] = None
    tcpSocket: Annotated[TCPSocketAction | None, doc("Deprecated; accepted but not run.")] = None
    sleep: Annotated[SleepAction | None, doc("Wait a while.")] = None


class Lifecycle(Base, kw_only=True):
    """Actions run right after a container starts and before it stops."""

    postStart: Annotated[
        LifecycleHandler | None, doc("Run right after the container is created.")
    ] = None
    preStop: Annotated[LifecycleHandler | None, doc("Run before the container is terminated.")] = (
        None
    )
    stopSignal: Annotated[str | None, doc("Signal that stops the container.")] = None


# --- security -------------------------------------------------------------------------


class Capabilities(Base, kw_only=True):
    """Linux capabilities added to or dropped from a container."""

    add: Annotated[list[str] | None, atomic("Capabilities to add.")] = None
    drop: Annotated[list[str] | None, atomic("Capabilities to drop.")] = None


class SELinuxOptions(Base, kw_only=True):
    """SELinux labels applied to a container."""

    user: Annotated[str | None, doc("SELinux user label.")] = None
    role: Annotated[str | None, doc("SELinux role label.")] = None
    type: Annotated[str | None, doc("SELinux type label.")] = None
    level: Annotated[str | None, doc("SELinux level label.")] = None


class SeccompProfile(Base, kw_only=True):
    """The seccomp profile of a pod or container."""

    type: Annotated[
        str,
        doc(
            "Localhost, RuntimeDefault or Unconfined.",
            enum=("Localhost", "RuntimeDefault", "Unconfined"),
        ),
    ]
    localhostProfile: Annotated[str | None, doc("Profile file on the node, for Localhost.")] = None


class AppArmorProfile(Base, kw_only=True):
    """The AppArmor profile of a pod or container."""

    type: Annotated[
        str,
        doc(
            "Localhost, RuntimeDefault or Unconfined.",
            enum=("Localhost", "RuntimeDefault", "Unconfined"),
        ),
    ]
    localhostProfile: Annotated[str | None, doc("Profile loaded on the node, for Localhost.")] = (
        None
    )


class WindowsSecurityContextOptions(Base, kw_only=True):
    """Windows-specific security options."""

    gmsaCredentialSpecName: Annotated[str | None, doc("Name of the GMSA credential spec.")] = None
    gmsaCredentialSpec: Annotated[str | None, doc("The GMSA credential spec inlined.")] = None
    runAsUserName: Annotated[str | None, doc("User name to run the entrypoint as.")] = None
    hostProcess: Annotated[bool | None, doc("Run as a host process container.")] = None


class SecurityContext(Base, kw_only=True):
    """Security settings of one container; they override the pod's."""

    capabilities: Annotated[Capabilities | None, doc("Capabilities to add or drop.")] = None
    privileged: Annotated[bool | None, doc("Run privileged, like root on the host.")] = None
    seLinuxOptions: Annotated[SELinuxOptions | None, doc("SELinux context.")] = None
    windowsOptions: Annotated[WindowsSecurityContextOptions | None, doc("Windows settings.")] = None
    runAsUser: Annotated[Int64 | None, doc("UID to run the entrypoint as.")] = None
    runAsGroup: Annotated[Int64 | None, doc("GID to run the entrypoint as.")] = None
    runAsNonRoot: Annotated[bool | None, doc("Refuse to start if the user would be root.")] = None
    readOnlyRootFilesystem: Annotated[bool | None, doc("Mount the root filesystem read-only.")] = (
        None
    )
    allowPrivilegeEscalation: Annotated[
        bool | None, doc("Whether a process may gain privileges.")
    ] = None
    procMount: Annotated[str | None, doc("Default or Unmasked.")] = None
    seccompProfile: Annotated[SeccompProfile | None, doc("Seccomp profile.")] = None
    appArmorProfile: Annotated[AppArmorProfile | None, doc("AppArmor profile.")] = None


class Sysctl(Base, kw_only=True):
    """A kernel parameter set for the pod."""

    name: Annotated[str, doc("Parameter name.")]
    value: Annotated[str, doc("Parameter value.")]


class PodSecurityContext(Base, kw_only=True):
    """Security settings for every container of a pod."""

    seLinuxOptions: Annotated[SELinuxOptions | None, doc("SELinux context.")] = None
    windowsOptions: Annotated[WindowsSecurityContextOptions | None, doc("Windows settings.")] = None
    runAsUser: Annotated[Int64 | None, doc("UID to run entrypoints as.")] = None
    runAsGroup: Annotated[Int64 | None, doc("GID to run entrypoints as.")] = None
    runAsNonRoot: Annotated[bool | None, doc("Refuse to start containers as root.")] = None
    supplementalGroups: Annotated[
        list[Int64] | None, atomic("Extra GIDs of the first process.")
    ] = None
    supplementalGroupsPolicy: Annotated[str | None, doc("Merge or Strict.")] = None
    fsGroup: Annotated[
        Int64 | None, doc("GID that owns volumes and is added to every container.")
    ] = None
    sysctls: Annotated[list[Sysctl] | None, atomic("Namespaced sysctls set for the pod.")] = None
    fsGroupChangePolicy: Annotated[str | None, doc("OnRootMismatch or Always.")] = None
    seccompProfile: Annotated[SeccompProfile | None, doc("Seccomp profile.")] = None
    appArmorProfile: Annotated[AppArmorProfile | None, doc("AppArmor profile.")] = None
    seLinuxChangePolicy: Annotated[str | None, doc("MountOption or Recursive.")] = None


# --- containers -----------------------------------------------------------------------

_PULL_POLICY = ("Always", "IfNotPresent", "Never")
_TERMINATION_MESSAGE_POLICY = ("FallbackToLogsOnError", "File")


class Container(Base, kw_only=True):
    """A single application container of a pod."""

    name: Annotated[str, doc("Name of the container, a DNS label unique within the pod.")]
    image: Annotated[str | None, doc("Container image reference, e.g. nginx:1.27.")] = None
    command: Annotated[list[str] | None, atomic("Entrypoint; replaces the image's ENTRYPOINT.")] = (
        None
    )
    args: Annotated[list[str] | None, atomic("Arguments; replace the image's CMD.")] = None
    workingDir: Annotated[str | None, doc("Working directory; the image's by default.")] = None
    ports: Annotated[
        list[ContainerPort] | None,
        merge_list(
            "Ports the container exposes, for information.",
            "containerPort",
            map_keys=("containerPort", "protocol"),
        ),
    ] = None
    envFrom: Annotated[list[EnvFromSource] | None, atomic("Sources of environment variables.")] = (
        None
    )
    env: Annotated[list[EnvVar] | None, merge_list("Environment variables.", "name")] = None
    resources: Annotated[
        ResourceRequirements | None, doc("Compute resources requested and allowed.")
    ] = None
    resizePolicy: Annotated[
        list[ContainerResizePolicy] | None, atomic("How resources resize in place.")
    ] = None
    restartPolicy: Annotated[str | None, doc("Always, for a sidecar init container.")] = None
    restartPolicyRules: Annotated[
        list[FreeForm] | None, atomic("Rules overriding restartPolicy by exit code.")
    ] = None
    volumeMounts: Annotated[
        list[VolumeMount] | None, merge_list("Volumes mounted into the filesystem.", "mountPath")
    ] = None
    volumeDevices: Annotated[
        list[VolumeDevice] | None, merge_list("Block devices used by the container.", "devicePath")
    ] = None
    livenessProbe: Annotated[Probe | None, doc("Restarts the container when it fails.")] = None
    readinessProbe: Annotated[
        Probe | None, doc("Removes the pod from endpoints when it fails.")
    ] = None
    startupProbe: Annotated[
        Probe | None, doc("Holds other probes until the container has started.")
    ] = None
    lifecycle: Annotated[Lifecycle | None, doc("Hooks run after start and before stop.")] = None
    terminationMessagePath: Annotated[
        str | None,
        doc("File the termination message is read from; /dev/termination-log by default."),
    ] = None
    terminationMessagePolicy: Annotated[
        str | None, doc("File or FallbackToLogsOnError.", enum=_TERMINATION_MESSAGE_POLICY)
    ] = None
    imagePullPolicy: Annotated[
        str | None, doc("Always, Never or IfNotPresent.", enum=_PULL_POLICY)
    ] = None
    securityContext: Annotated[SecurityContext | None, doc("Security settings.")] = None
    stdin: Annotated[bool | None, doc("Allocate a stdin buffer.")] = None
    stdinOnce: Annotated[bool | None, doc("Close stdin after the first attach ends.")] = None
    tty: Annotated[bool | None, doc("Allocate a TTY.")] = None


class EphemeralContainer(Base, kw_only=True):
    """A debugging container added to a running pod."""

    name: Annotated[str, doc("Name of the container, unique within the pod.")]
    image: Annotated[str | None, doc("Container image reference.")] = None
    command: Annotated[list[str] | None, atomic("Entrypoint.")] = None
    args: Annotated[list[str] | None, atomic("Arguments.")] = None
    workingDir: Annotated[str | None, doc("Working directory.")] = None
    ports: Annotated[
        list[ContainerPort] | None,
        merge_list("Not allowed.", "containerPort", map_keys=("containerPort", "protocol")),
    ] = None
    envFrom: Annotated[list[EnvFromSource] | None, atomic("Sources of environment variables.")] = (
        None
    )
    env: Annotated[list[EnvVar] | None, merge_list("Environment variables.", "name")] = None
    resources: Annotated[ResourceRequirements | None, doc("Not allowed.")] = None
    resizePolicy: Annotated[list[ContainerResizePolicy] | None, atomic("Not allowed.")] = None
    restartPolicy: Annotated[str | None, doc("Not allowed.")] = None
    volumeMounts: Annotated[
        list[VolumeMount] | None, merge_list("Volumes mounted.", "mountPath")
    ] = None
    volumeDevices: Annotated[
        list[VolumeDevice] | None, merge_list("Block devices.", "devicePath")
    ] = None
    livenessProbe: Annotated[Probe | None, doc("Not allowed.")] = None
    readinessProbe: Annotated[Probe | None, doc("Not allowed.")] = None
    startupProbe: Annotated[Probe | None, doc("Not allowed.")] = None
    lifecycle: Annotated[Lifecycle | None, doc("Not allowed.")] = None
    terminationMessagePath: Annotated[
        str | None, doc("File the termination message is read from.")
    ] = None
    terminationMessagePolicy: Annotated[
        str | None, doc("File or FallbackToLogsOnError.", enum=_TERMINATION_MESSAGE_POLICY)
    ] = None
    imagePullPolicy: Annotated[
        str | None, doc("Always, Never or IfNotPresent.", enum=_PULL_POLICY)
    ] = None
    securityContext: Annotated[SecurityContext | None, doc("Security settings.")] = None
    stdin: Annotated[bool | None, doc("Allocate a stdin buffer.")] = None
    stdinOnce: Annotated[bool | None, doc("Close stdin after the first attach ends.")] = None
    tty: Annotated[bool | None, doc("Allocate a TTY.")] = None
    targetContainerName: Annotated[str | None, doc("Container whose namespaces to share.")] = None


# --- volumes --------------------------------------------------------------------------


class KeyToPath(Base, kw_only=True):
    """Maps a key to a file path inside a volume."""

    key: Annotated[str, doc("The key to project.")]
    path: Annotated[str, doc("Relative file path to write the key to.")]
    mode: Annotated[Int32 | None, doc("File mode bits, 0000-0777.")] = None


class EmptyDirVolumeSource(Base, kw_only=True):
    """A directory that starts empty and lives as long as the pod."""

    medium: Annotated[str | None, doc('Storage medium: "" (node default) or Memory.')] = None
    sizeLimit: Annotated[Quantity | None, doc("Most space the volume may use.")] = None


class HostPathVolumeSource(Base, kw_only=True):
    """A file or directory of the node."""

    path: Annotated[str, doc("Path on the node.")]
    type: Annotated[
        str | None,
        doc(
            "What must exist at the path.",
            enum=(
                "",
                "BlockDevice",
                "CharDevice",
                "Directory",
                "DirectoryOrCreate",
                "File",
                "FileOrCreate",
                "Socket",
            ),
        ),
    ] = None


class ConfigMapVolumeSource(Base, kw_only=True):
    """The keys of a ConfigMap as files."""

    name: Annotated[str | None, doc("Name of the ConfigMap.")] = None
    items: Annotated[list[KeyToPath] | None, atomic("Keys to project; all keys by default.")] = None
    defaultMode: Annotated[Int32 | None, doc("Mode bits of the files; 0644 by default.")] = None
    optional: Annotated[bool | None, doc("Whether the ConfigMap may be missing.")] = None


class SecretVolumeSource(Base, kw_only=True):
    """The keys of a Secret as files."""

    secretName: Annotated[str | None, doc("Name of the Secret.")] = None
    items: Annotated[list[KeyToPath] | None, atomic("Keys to project; all keys by default.")] = None
    defaultMode: Annotated[Int32 | None, doc("Mode bits of the files; 0644 by default.")] = None
    optional: Annotated[bool | None, doc("Whether the Secret may be missing.")] = None


class PersistentVolumeClaimVolumeSource(Base, kw_only=True):
    """A persistent volume claimed in the pod's namespace."""

    claimName: Annotated[str, doc("Name of the PersistentVolumeClaim.")]
    readOnly: Annotated[bool | None, doc("Mount read-only.")] = None


class DownwardAPIVolumeFile(Base, kw_only=True):
    """A file holding a field of the pod."""

    path: Annotated[str, doc("Relative path of the file.")]
    fieldRef: Annotated[ObjectFieldSelector | None, doc("A field of the pod.")] = None
    resourceFieldRef: Annotated[ResourceFieldSelector | None, doc("A resource of a container.")] = (
        None
    )
    mode: Annotated[Int32 | None, doc("File mode bits.")] = None


class DownwardAPIVolumeSource(Base, kw_only=True):
    """Files holding fields of the pod."""

    items: Annotated[list[DownwardAPIVolumeFile] | None, atomic("The files.")] = None
    defaultMode: Annotated[Int32 | None, doc("Mode bits of the files; 0644 by default.")] = None


class ConfigMapProjection(Base, kw_only=True):
    """ConfigMap keys inside a projected volume."""

    name: Annotated[str | None, doc("Name of the ConfigMap.")] = None
    items: Annotated[list[KeyToPath] | None, atomic("Keys to project.")] = None
    optional: Annotated[bool | None, doc("Whether the ConfigMap may be missing.")] = None


class SecretProjection(Base, kw_only=True):
    """Secret keys inside a projected volume."""

    name: Annotated[str | None, doc("Name of the Secret.")] = None
    items: Annotated[list[KeyToPath] | None, atomic("Keys to project.")] = None
    optional: Annotated[bool | None, doc("Whether the Secret may be missing.")] = None


class DownwardAPIProjection(Base, kw_only=True):
    """Pod fields inside a projected volume."""

    items: Annotated[list[DownwardAPIVolumeFile] | None, atomic("The files.")] = None


class ServiceAccountTokenProjection(Base, kw_only=True):
    """A service account token inside a projected volume."""

    audience: Annotated[str | None, doc("Intended audience of the token.")] = None
    expirationSeconds: Annotated[Int64 | None, doc("Requested lifetime; 1 hour by default.")] = None
    path: Annotated[str, doc("Relative file path of the token.")]


class VolumeProjection(Base, kw_only=True):
    """One source of a projected volume."""

    secret: Annotated[SecretProjection | None, doc("Secret keys.")] = None
    downwardAPI: Annotated[DownwardAPIProjection | None, doc("Pod fields.")] = None
    configMap: Annotated[ConfigMapProjection | None, doc("ConfigMap keys.")] = None
    serviceAccountToken: Annotated[
        ServiceAccountTokenProjection | None, doc("A service account token.")
    ] = None
    clusterTrustBundle: Annotated[FreeForm | None, doc("Certificates of a ClusterTrustBundle.")] = (
        None
    )
    podCertificate: Annotated[FreeForm | None, doc("A pod certificate.")] = None


class ProjectedVolumeSource(Base, kw_only=True):
    """Several sources projected into one directory."""

    sources: Annotated[list[VolumeProjection] | None, atomic("The sources.")] = None
    defaultMode: Annotated[Int32 | None, doc("Mode bits of the files; 0644 by default.")] = None


class NFSVolumeSource(Base, kw_only=True):
    """An NFS export."""

    server: Annotated[str, doc("NFS server host or IP.")]
    path: Annotated[str, doc("Exported path.")]
    readOnly: Annotated[bool | None, doc("Mount read-only.")] = None


class CSIVolumeSource(Base, kw_only=True):
    """An ephemeral volume provided by a CSI driver."""

    driver: Annotated[str, doc("Name of the CSI driver.")]
    readOnly: Annotated[bool | None, doc("Mount read-only.")] = None
    fsType: Annotated[str | None, doc("Filesystem type.")] = None
    volumeAttributes: Annotated[dict[str, str] | None, doc("Driver-specific properties.")] = None
    nodePublishSecretRef: Annotated[
        LocalObjectReference | None, doc("Secret passed to the driver.")
    ] = None


class ImageVolumeSource(Base, kw_only=True):
    """An OCI image or artifact mounted read-only."""

    reference: Annotated[str | None, doc("Image reference.")] = None
    pullPolicy: Annotated[str | None, doc("Always, Never or IfNotPresent.", enum=_PULL_POLICY)] = (
        None
    )


_OTHER_SOURCE = "A volume source kept as written; see the Kubernetes API reference."


class Volume(Base, kw_only=True):
    """A named volume pods' containers can mount; exactly one source is set."""

    name: Annotated[str, doc("Name of the volume, a DNS label unique within the pod.")]
    emptyDir: Annotated[EmptyDirVolumeSource | None, doc("A directory that starts empty.")] = None
    hostPath: Annotated[HostPathVolumeSource | None, doc("A path on the node.")] = None
    configMap: Annotated[ConfigMapVolumeSource | None, doc("The keys of a ConfigMap.")] = None
    secret: Annotated[SecretVolumeSource | None, doc("The keys of a Secret.")] = None
    projected: Annotated[ProjectedVolumeSource | None, doc("Several sources in one directory.")] = (
        None
    )
    downwardAPI: Annotated[DownwardAPIVolumeSource | None, doc("Fields of the pod.")] = None
    persistentVolumeClaim: Annotated[
        PersistentVolumeClaimVolumeSource | None, doc("A persistent volume claim.")
    ] = None
    nfs: Annotated[NFSVolumeSource | None, doc("An NFS export.")] = None
    csi: Annotated[CSIVolumeSource | None, doc("An ephemeral CSI volume.")] = None
    image: Annotated[ImageVolumeSource | None, doc("An OCI image.")] = None
    ephemeral: Annotated[FreeForm | None, doc("A claim created and deleted with the pod.")] = None
    awsElasticBlockStore: Annotated[FreeForm | None, doc(_OTHER_SOURCE)] = None
    azureDisk: Annotated[FreeForm | None, doc(_OTHER_SOURCE)] = None
    azureFile: Annotated[FreeForm | None, doc(_OTHER_SOURCE)] = None
    cephfs: Annotated[FreeForm | None, doc(_OTHER_SOURCE)] = None
    cinder: Annotated[FreeForm | None, doc(_OTHER_SOURCE)] = None
    fc: Annotated[FreeForm | None, doc(_OTHER_SOURCE)] = None
    flexVolume: Annotated[FreeForm | None, doc(_OTHER_SOURCE)] = None
    flocker: Annotated[FreeForm | None, doc(_OTHER_SOURCE)] = None
    gcePersistentDisk: Annotated[FreeForm | None, doc(_OTHER_SOURCE)] = None
    gitRepo: Annotated[FreeForm | None, doc(_OTHER_SOURCE)] = None
    glusterfs: Annotated[FreeForm | None, doc(_OTHER_SOURCE)] = None
    iscsi: Annotated[FreeForm | None, doc(_OTHER_SOURCE)] = None
    photonPersistentDisk: Annotated[FreeForm | None, doc(_OTHER_SOURCE)] = None
    portworxVolume: Annotated[FreeForm | None, doc(_OTHER_SOURCE)] = None
    quobyte: Annotated[FreeForm | None, doc(_OTHER_SOURCE)] = None
    rbd: Annotated[FreeForm | None, doc(_OTHER_SOURCE)] = None
    scaleIO: Annotated[FreeForm | None, doc(_OTHER_SOURCE)] = None
    storageos: Annotated[FreeForm | None, doc(_OTHER_SOURCE)] = None
    vsphereVolume: Annotated[FreeForm | None, doc(_OTHER_SOURCE)] = None


# --- scheduling -----------------------------------------------------------------------

_SELECTOR_OPS = ("DoesNotExist", "Exists", "Gt", "In", "Lt", "NotIn")


class NodeSelectorRequirement(Base, kw_only=True):
    """One test of a node's labels or fields."""

    key: Annotated[str, doc("Label key or field name.")]
    operator: Annotated[str, doc("In, NotIn, Exists, DoesNotExist, Gt or Lt.", enum=_SELECTOR_OPS)]
    values: Annotated[list[str] | None, atomic("Values to compare with.")] = None


class NodeSelectorTerm(Base, kw_only=True):
    """Requirements that must all hold; an empty term matches nothing."""

    matchExpressions: Annotated[
        list[NodeSelectorRequirement] | None, atomic("Tests of node labels.")
    ] = None
    matchFields: Annotated[
        list[NodeSelectorRequirement] | None, atomic("Tests of node fields.")
    ] = None


class NodeSelector(Base, kw_only=True):
    """Terms of which at least one must match."""

    nodeSelectorTerms: Annotated[list[NodeSelectorTerm], atomic("The terms, ORed.")]


class PreferredSchedulingTerm(Base, kw_only=True):
    """A weighted node preference."""

    weight: Annotated[Int32, doc("Weight, 1-100.")]
    preference: Annotated[NodeSelectorTerm, doc("The preferred nodes.")]


class NodeAffinity(Base, kw_only=True):
    """Node placement rules of a pod."""

    requiredDuringSchedulingIgnoredDuringExecution: Annotated[
        NodeSelector | None, doc("Nodes the pod must go to.")
    ] = None
    preferredDuringSchedulingIgnoredDuringExecution: Annotated[
        list[PreferredSchedulingTerm] | None, atomic("Nodes the pod prefers.")
    ] = None


class PodAffinityTerm(Base, kw_only=True):
    """Pods that must (or must not) run in the same topology domain."""

    labelSelector: Annotated[LabelSelector | None, doc("The pods concerned.")] = None
    namespaces: Annotated[
        list[str] | None, atomic("Namespaces to look in; the pod's by default.")
    ] = None
    topologyKey: Annotated[str, doc("Node label defining the domain, e.g. kubernetes.io/hostname.")]
    namespaceSelector: Annotated[LabelSelector | None, doc("Namespaces to look in, by label.")] = (
        None
    )
    matchLabelKeys: Annotated[
        list[str] | None, atomic("Label keys merged into labelSelector from the pod.")
    ] = None
    mismatchLabelKeys: Annotated[
        list[str] | None, atomic("Label keys negated into labelSelector.")
    ] = None


class WeightedPodAffinityTerm(Base, kw_only=True):
    """A weighted pod affinity preference."""

    weight: Annotated[Int32, doc("Weight, 1-100.")]
    podAffinityTerm: Annotated[PodAffinityTerm, doc("The term.")]


class PodAffinity(Base, kw_only=True):
    """Co-locate with other pods."""

    requiredDuringSchedulingIgnoredDuringExecution: Annotated[
        list[PodAffinityTerm] | None, atomic("Rules that must hold.")
    ] = None
    preferredDuringSchedulingIgnoredDuringExecution: Annotated[
        list[WeightedPodAffinityTerm] | None, atomic("Preferences.")
    ] = None


class PodAntiAffinity(Base, kw_only=True):
    """Keep away from other pods."""

    requiredDuringSchedulingIgnoredDuringExecution: Annotated[
        list[PodAffinityTerm] | None, atomic("Rules that must hold.")
    ] = None
    preferredDuringSchedulingIgnoredDuringExecution: Annotated[
        list[WeightedPodAffinityTerm] | None, atomic("Preferences.")
    ] = None


class Affinity(Base, kw_only=True):
    """Scheduling constraints of a pod."""

    nodeAffinity: Annotated[NodeAffinity | None, doc("Node placement rules.")] = None
    podAffinity: Annotated[PodAffinity | None, doc("Co-location with other pods.")] = None
    podAntiAffinity: Annotated[PodAntiAffinity | None, doc("Separation from other pods.")] = None


class Toleration(Base, kw_only=True):
    """Lets a pod schedule onto nodes with a matching taint."""

    key: Annotated[str | None, doc("Taint key; empty with Exists matches all taints.")] = None
    operator: Annotated[
        str | None, doc("Exists or Equal; Equal by default.", enum=("Equal", "Exists"))
    ] = None
    value: Annotated[str | None, doc("Taint value for Equal.")] = None
    effect: Annotated[
        str | None,
        doc(
            "Effect to match; all by default.", enum=("NoExecute", "NoSchedule", "PreferNoSchedule")
        ),
    ] = None
    tolerationSeconds: Annotated[Int64 | None, doc("How long a NoExecute taint is tolerated.")] = (
        None
    )


class TopologySpreadConstraint(Base, kw_only=True):
    """How evenly matching pods spread over topology domains."""

    maxSkew: Annotated[Int32, doc("Largest allowed difference in pod count between domains.")]
    topologyKey: Annotated[str, doc("Node label defining the domains.")]
    whenUnsatisfiable: Annotated[
        str, doc("DoNotSchedule or ScheduleAnyway.", enum=("DoNotSchedule", "ScheduleAnyway"))
    ]
    labelSelector: Annotated[LabelSelector | None, doc("The pods counted.")] = None
    minDomains: Annotated[Int32 | None, doc("Least number of eligible domains.")] = None
    nodeAffinityPolicy: Annotated[str | None, doc("Honor or Ignore.")] = None
    nodeTaintsPolicy: Annotated[str | None, doc("Honor or Ignore.")] = None
    matchLabelKeys: Annotated[
        list[str] | None, atomic("Pod label keys added to labelSelector.")
    ] = None


class HostAlias(Base, kw_only=True):
    """An entry of the pod's /etc/hosts."""

    ip: Annotated[str, doc("IP address.")]
    hostnames: Annotated[list[str] | None, atomic("Host names for the IP.")] = None


class PodDNSConfigOption(Base, kw_only=True):
    """A resolver option."""

    name: Annotated[str | None, doc("Option name.")] = None
    value: Annotated[str | None, doc("Option value.")] = None


class PodDNSConfig(Base, kw_only=True):
    """DNS settings added to those from dnsPolicy."""

    nameservers: Annotated[list[str] | None, atomic("DNS server IPs.")] = None
    searches: Annotated[list[str] | None, atomic("Search domains.")] = None
    options: Annotated[list[PodDNSConfigOption] | None, atomic("Resolver options.")] = None


class PodReadinessGate(Base, kw_only=True):
    """An extra condition a pod needs to be ready."""

    conditionType: Annotated[str, doc("A condition type in the pod's status.")]


class PodSchedulingGate(Base, kw_only=True):
    """Holds a pod back from scheduling while present."""

    name: Annotated[str, doc("Name of the gate.")]


class PodOS(Base, kw_only=True):
    """The operating system of a pod's containers."""

    name: Annotated[str, doc("linux or windows.")]


class PodResourceClaim(Base, kw_only=True):
    """A dynamic resource claim of a pod."""

    name: Annotated[str, doc("Name of the claim within the pod.")]
    resourceClaimName: Annotated[str | None, doc("An existing ResourceClaim.")] = None
    resourceClaimTemplateName: Annotated[
        str | None, doc("A ResourceClaimTemplate to stamp a claim from.")
    ] = None


# --- pods -----------------------------------------------------------------------------


class PodSpec(Base, kw_only=True):
    """The desired state of a pod."""

    volumes: Annotated[
        list[Volume] | None,
        merge_list("Volumes the containers can mount.", "name", retain_keys=True),
    ] = None
    initContainers: Annotated[
        list[Container] | None,
        merge_list("Containers run in order to completion before the app containers.", "name"),
    ] = None
    containers: Annotated[list[Container], merge_list("The app containers; at least one.", "name")]
    ephemeralContainers: Annotated[
        list[EphemeralContainer] | None,
        merge_list("Debugging containers added to the running pod.", "name"),
    ] = None
    restartPolicy: Annotated[
        str | None,
        doc(
            "Always, OnFailure or Never; Always by default.", enum=("Always", "Never", "OnFailure")
        ),
    ] = None
    terminationGracePeriodSeconds: Annotated[
        Int64 | None, doc("Seconds the pod gets to stop gracefully; 30 by default.")
    ] = None
    activeDeadlineSeconds: Annotated[
        Int64 | None, doc("Seconds the pod may run before it is failed.")
    ] = None
    dnsPolicy: Annotated[
        str | None,
        doc(
            "ClusterFirst, ClusterFirstWithHostNet, Default or None.",
            enum=("ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"),
        ),
    ] = None
    nodeSelector: Annotated[
        dict[str, str] | None, doc("Labels a node must have to run the pod.", map_type="atomic")
    ] = None
    serviceAccountName: Annotated[str | None, doc("The service account the pod runs as.")] = None
    serviceAccount: Annotated[str | None, doc("Deprecated alias of serviceAccountName.")] = None
    automountServiceAccountToken: Annotated[
        bool | None, doc("Mount the service account token.")
    ] = None
    nodeName: Annotated[str | None, doc("The node the pod is bound to.")] = None
    hostNetwork: Annotated[bool | None, doc("Use the node's network namespace.")] = None
    hostPID: Annotated[bool | None, doc("Use the node's PID namespace.")] = None
    hostIPC: Annotated[bool | None, doc("Use the node's IPC namespace.")] = None
    shareProcessNamespace: Annotated[bool | None, doc("One PID namespace for all containers.")] = (
        None
    )
    securityContext: Annotated[PodSecurityContext | None, doc("Pod-level security settings.")] = (
        None
    )
    imagePullSecrets: Annotated[
        list[LocalObjectReference] | None, merge_list("Secrets used to pull images.", "name")
    ] = None
    hostname: Annotated[str | None, doc("Host name; the pod name by default.")] = None
    subdomain: Annotated[
        str | None, doc("Subdomain, giving the FQDN hostname.subdomain.ns.svc.")
    ] = None
    affinity: Annotated[Affinity | None, doc("Scheduling constraints.")] = None
    schedulerName: Annotated[str | None, doc("Scheduler that places the pod.")] = None
    tolerations: Annotated[list[Toleration] | None, atomic("Taints the pod tolerates.")] = None
    hostAliases: Annotated[
        list[HostAlias] | None, merge_list("Extra /etc/hosts entries.", "ip")
    ] = None
    priorityClassName: Annotated[str | None, doc("Name of the pod's PriorityClass.")] = None
    priority: Annotated[Int32 | None, doc("Priority value, from the PriorityClass.")] = None
    dnsConfig: Annotated[PodDNSConfig | None, doc("Extra DNS settings.")] = None
    readinessGates: Annotated[
        list[PodReadinessGate] | None, atomic("Extra readiness conditions.")
    ] = None
    runtimeClassName: Annotated[str | None, doc("RuntimeClass to run the pod with.")] = None
    enableServiceLinks: Annotated[
        bool | None, doc("Inject service environment variables; true by default.")
    ] = None
    preemptionPolicy: Annotated[str | None, doc("PreemptLowerPriority or Never.")] = None
    overhead: Annotated[_ResourceList | None, doc("Resources the pod's sandbox uses.")] = None
    topologySpreadConstraints: Annotated[
        list[TopologySpreadConstraint] | None,
        merge_list(
            "How the pod spreads over domains.",
            "topologyKey",
            map_keys=("topologyKey", "whenUnsatisfiable"),
        ),
    ] = None
    setHostnameAsFQDN: Annotated[bool | None, doc("Set the hostname to the FQDN.")] = None
    os: Annotated[PodOS | None, doc("Operating system of the containers.")] = None
    hostUsers: Annotated[bool | None, doc("Use the host's user namespace; true by default.")] = None
    schedulingGates: Annotated[
        list[PodSchedulingGate] | None,
        merge_list("Gates holding the pod back from scheduling.", "name"),
    ] = None
    resourceClaims: Annotated[
        list[PodResourceClaim] | None,
        merge_list("Dynamic resource claims.", "name", retain_keys=True),
    ] = None
    resources: Annotated[ResourceRequirements | None, doc("Pod-level resources.")] = None
    hostnameOverride: Annotated[str | None, doc("Hostname to set instead of the pod's name.")] = (
        None
    )


class PodCondition(Base, kw_only=True):
    """One condition of a pod, e.g. Ready."""

    type: Annotated[str, doc("PodScheduled, Initialized, ContainersReady, Ready, ...")]
    observedGeneration: Annotated[Int64 | None, doc("Pod generation the condition reflects.")] = (
        None
    )
    status: Annotated[str, doc("True, False or Unknown.")]
    lastProbeTime: Annotated[Time | None, doc("Last time the condition was probed.")] = None
    lastTransitionTime: Annotated[Time | None, doc("Last time the status changed.")] = None
    reason: Annotated[str | None, doc("Reason of the last transition.")] = None
    message: Annotated[str | None, doc("Details of the last transition.")] = None


class PodIP(Base, kw_only=True):
    """An IP address of a pod."""

    ip: Annotated[str, doc("The address.")]


class HostIP(Base, kw_only=True):
    """An IP address of the pod's node."""

    ip: Annotated[str, doc("The address.")]


class ContainerStateWaiting(Base, kw_only=True):
    """The container is not running yet."""

    reason: Annotated[str | None, doc("Why, e.g. ContainerCreating or ImagePullBackOff.")] = None
    message: Annotated[str | None, doc("Details.")] = None


class ContainerStateRunning(Base, kw_only=True):
    """The container is running."""

    startedAt: Annotated[Time | None, doc("When it (re)started.")] = None


class ContainerStateTerminated(Base, kw_only=True):
    """The container has exited."""

    exitCode: Annotated[Int32, doc("Exit status.")]
    signal: Annotated[Int32 | None, doc("Signal that ended it.")] = None
    reason: Annotated[str | None, doc("Why, e.g. Completed, Error, OOMKilled.")] = None
    message: Annotated[str | None, doc("Details.")] = None
    startedAt: Annotated[Time | None, doc("When it started.")] = None
    finishedAt: Annotated[Time | None, doc("When it exited.")] = None
    containerID: Annotated[str | None, doc("Runtime id, <type>://<id>.")] = None


class ContainerState(Base, kw_only=True):
    """The state of a container; one member is set."""

    waiting: Annotated[ContainerStateWaiting | None, doc("Not running yet.")] = None
    running: Annotated[ContainerStateRunning | None, doc("Running.")] = None
    terminated: Annotated[ContainerStateTerminated | None, doc("Exited.")] = None


class VolumeMountStatus(Base, kw_only=True):
    """The state of one volume mount."""

    name: Annotated[str, doc("The mount's volume name.")]
    mountPath: Annotated[str, doc("The mount path.")]
    readOnly: Annotated[bool | None, doc("Mounted read-only.")] = None
    recursiveReadOnly: Annotated[str | None, doc("Effective recursive read-only setting.")] = None


class ContainerStatus(Base, kw_only=True):
    """What a container is doing."""

    name: Annotated[str, doc("Container name.")]
    state: Annotated[ContainerState | None, doc("Current state.")] = None
    lastState: Annotated[ContainerState | None, doc("State before the last restart.")] = None
    ready: Annotated[bool, doc("Whether its readiness probe passes.")]
    restartCount: Annotated[Int32, doc("Number of restarts.")]
    image: Annotated[str, doc("Image it runs.")]
    imageID: Annotated[str, doc("Image id it runs.")]
    containerID: Annotated[str | None, doc("Runtime id, <type>://<id>.")] = None
    started: Annotated[bool | None, doc("Whether it has started (passed its startup probe).")] = (
        None
    )
    allocatedResources: Annotated[_ResourceList | None, doc("Resources allocated by the node.")] = (
        None
    )
    resources: Annotated[ResourceRequirements | None, doc("Resources actually configured.")] = None
    volumeMounts: Annotated[
        list[VolumeMountStatus] | None, merge_list("Mount states.", "mountPath")
    ] = None
    user: Annotated[FreeForm | None, doc("Identity of the first process.")] = None
    allocatedResourcesStatus: Annotated[
        list[FreeForm] | None, atomic("Health of allocated resources.")
    ] = None
    stopSignal: Annotated[str | None, doc("Effective stop signal.")] = None


class PodStatus(Base, kw_only=True):
    """The observed state of a pod."""

    observedGeneration: Annotated[Int64 | None, doc("Pod generation the status reflects.")] = None
    phase: Annotated[
        str | None,
        doc(
            "Pending, Running, Succeeded, Failed or Unknown.",
            enum=("Failed", "Pending", "Running", "Succeeded", "Unknown"),
        ),
    ] = None
    conditions: Annotated[list[PodCondition] | None, merge_list("Current conditions.", "type")] = (
        None
    )
    message: Annotated[str | None, doc("Why the pod is in this state.")] = None
    reason: Annotated[str | None, doc("Short reason, e.g. Evicted.")] = None
    nominatedNodeName: Annotated[str | None, doc("Node the pod may run on after preemption.")] = (
        None
    )
    hostIP: Annotated[str | None, doc("Primary IP of the node.")] = None
    hostIPs: Annotated[list[HostIP] | None, merge_list("IPs of the node.", "ip")] = None
    podIP: Annotated[str | None, doc("Primary IP of the pod.")] = None
    podIPs: Annotated[list[PodIP] | None, merge_list("IPs of the pod.", "ip")] = None
    startTime: Annotated[Time | None, doc("When the node accepted the pod.")] = None
    initContainerStatuses: Annotated[
        list[ContainerStatus] | None, atomic("Init container states.")
    ] = None
    containerStatuses: Annotated[list[ContainerStatus] | None, atomic("Container states.")] = None
    qosClass: Annotated[
        str | None,
        doc("Guaranteed, Burstable or BestEffort.", enum=("BestEffort", "Burstable", "Guaranteed")),
    ] = None
    ephemeralContainerStatuses: Annotated[
        list[ContainerStatus] | None, atomic("Ephemeral container states.")
    ] = None
    resize: Annotated[str | None, doc("Deprecated resize state.")] = None
    resourceClaimStatuses: Annotated[
        list[FreeForm] | None, atomic("Generated resource claims.")
    ] = None


class Pod(Base, kw_only=True):
    """A group of containers run together on one node."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ObjectMeta | None, doc(_META)] = None
    spec: Annotated[PodSpec | None, doc("Desired state of the pod.")] = None
    status: Annotated[PodStatus | None, doc("Observed state of the pod. Read-only.")] = None


class PodList(Base, kw_only=True):
    """A list of pods."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ListMeta | None, doc(_LIST_META)] = None
    items: Annotated[list[Pod], doc("The pods.")]


class PodTemplateSpec(Base, kw_only=True):
    """The pods a controller creates."""

    metadata: Annotated[ObjectMeta | None, doc("Metadata of the created pods.")] = None
    spec: Annotated[PodSpec | None, doc("Spec of the created pods.")] = None


class Binding(Base, kw_only=True):
    """Binds a pod to a node; posted by the scheduler to pods/binding."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ObjectMeta | None, doc(_META)] = None
    target: Annotated[ObjectReference, doc("The node to bind to.")]


# --- services -------------------------------------------------------------------------


class ServicePort(Base, kw_only=True):
    """A port a service exposes."""

    name: Annotated[str | None, doc("Port name, required when there are several ports.")] = None
    protocol: Annotated[str | None, doc("TCP, UDP or SCTP; TCP by default.", enum=_PROTOCOLS)] = (
        None
    )
    appProtocol: Annotated[str | None, doc("Application protocol, e.g. http.")] = None
    port: Annotated[Int32, doc("The service's port.")]
    targetPort: Annotated[IntOrString | None, doc("Pod port number or name; port by default.")] = (
        None
    )
    nodePort: Annotated[Int32 | None, doc("Port on every node, for NodePort and LoadBalancer.")] = (
        None
    )


class ClientIPConfig(Base, kw_only=True):
    """Settings of ClientIP session affinity."""

    timeoutSeconds: Annotated[Int32 | None, doc("Sticky session lifetime; 3 hours by default.")] = (
        None
    )


class SessionAffinityConfig(Base, kw_only=True):
    """Session affinity settings."""

    clientIP: Annotated[ClientIPConfig | None, doc("ClientIP settings.")] = None


class ServiceSpec(Base, kw_only=True):
    """The desired state of a service."""

    ports: Annotated[
        list[ServicePort] | None,
        merge_list("Ports exposed.", "port", map_keys=("port", "protocol")),
    ] = None
    selector: Annotated[
        dict[str, str] | None, doc("Labels of the pods traffic goes to.", map_type="atomic")
    ] = None
    clusterIP: Annotated[str | None, doc('Virtual IP; "None" for a headless service.')] = None
    clusterIPs: Annotated[list[str] | None, atomic("Virtual IPs, one per family.")] = None
    type: Annotated[
        str | None,
        doc(
            "ClusterIP, NodePort, LoadBalancer or ExternalName.",
            enum=("ClusterIP", "ExternalName", "LoadBalancer", "NodePort"),
        ),
    ] = None
    externalIPs: Annotated[list[str] | None, atomic("Extra IPs nodes accept traffic for.")] = None
    sessionAffinity: Annotated[str | None, doc("ClientIP or None.", enum=("ClientIP", "None"))] = (
        None
    )
    loadBalancerIP: Annotated[str | None, doc("Deprecated requested load balancer IP.")] = None
    loadBalancerSourceRanges: Annotated[list[str] | None, atomic("Client CIDRs allowed.")] = None
    externalName: Annotated[str | None, doc("DNS name returned for ExternalName services.")] = None
    externalTrafficPolicy: Annotated[
        str | None, doc("Cluster or Local.", enum=("Cluster", "Local"))
    ] = None
    healthCheckNodePort: Annotated[
        Int32 | None, doc("Health check port for Local traffic policy.")
    ] = None
    publishNotReadyAddresses: Annotated[bool | None, doc("Publish endpoints of unready pods.")] = (
        None
    )
    sessionAffinityConfig: Annotated[
        SessionAffinityConfig | None, doc("Session affinity settings.")
    ] = None
    ipFamilies: Annotated[list[str] | None, atomic("IPv4 and/or IPv6.")] = None
    ipFamilyPolicy: Annotated[
        str | None,
        doc(
            "SingleStack, PreferDualStack or RequireDualStack.",
            enum=("PreferDualStack", "RequireDualStack", "SingleStack"),
        ),
    ] = None
    allocateLoadBalancerNodePorts: Annotated[
        bool | None, doc("Allocate node ports for LoadBalancer.")
    ] = None
    loadBalancerClass: Annotated[str | None, doc("Load balancer implementation.")] = None
    internalTrafficPolicy: Annotated[
        str | None, doc("Cluster or Local.", enum=("Cluster", "Local"))
    ] = None
    trafficDistribution: Annotated[str | None, doc("Preference for routing, e.g. PreferClose.")] = (
        None
    )


class PortStatus(Base, kw_only=True):
    """The state of a load balancer port."""

    port: Annotated[Int32, doc("Port number.")]
    protocol: Annotated[str, doc("TCP, UDP or SCTP.")]
    error: Annotated[str | None, doc("Error, if any.")] = None


class LoadBalancerIngress(Base, kw_only=True):
    """An entry point of a load balancer."""

    ip: Annotated[str | None, doc("IP address.")] = None
    hostname: Annotated[str | None, doc("Host name.")] = None
    ipMode: Annotated[str | None, doc("VIP or Proxy.")] = None
    ports: Annotated[list[PortStatus] | None, atomic("Port states.")] = None


class LoadBalancerStatus(Base, kw_only=True):
    """The state of a load balancer."""

    ingress: Annotated[list[LoadBalancerIngress] | None, atomic("Entry points.")] = None


class ServiceStatus(Base, kw_only=True):
    """The observed state of a service."""

    loadBalancer: Annotated[LoadBalancerStatus | None, doc("Load balancer state.")] = None
    conditions: Annotated[list[Condition] | None, merge_list("Current conditions.", "type")] = None


class Service(Base, kw_only=True):
    """A stable virtual IP and DNS name in front of a set of pods."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ObjectMeta | None, doc(_META)] = None
    spec: Annotated[ServiceSpec | None, doc("Desired state of the service.")] = None
    status: Annotated[ServiceStatus | None, doc("Observed state of the service. Read-only.")] = None


class ServiceList(Base, kw_only=True):
    """A list of services."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ListMeta | None, doc(_LIST_META)] = None
    items: Annotated[list[Service], doc("The services.")]


# --- endpoints ------------------------------------------------------------------------


class EndpointAddress(Base, kw_only=True):
    """One endpoint IP."""

    ip: Annotated[str, doc("The IP.")]
    hostname: Annotated[str | None, doc("Host name of the endpoint.")] = None
    nodeName: Annotated[str | None, doc("Node hosting the endpoint.")] = None
    targetRef: Annotated[
        ObjectReference | None, doc("The object behind the endpoint, usually a pod.")
    ] = None


class EndpointPort(Base, kw_only=True):
    """One endpoint port."""

    name: Annotated[str | None, doc("Port name, matching the service port name.")] = None
    port: Annotated[Int32, doc("Port number.")]
    protocol: Annotated[str | None, doc("TCP, UDP or SCTP.", enum=_PROTOCOLS)] = None
    appProtocol: Annotated[str | None, doc("Application protocol.")] = None


class EndpointSubset(Base, kw_only=True):
    """Addresses sharing a set of ports."""

    addresses: Annotated[list[EndpointAddress] | None, atomic("Ready addresses.")] = None
    notReadyAddresses: Annotated[
        list[EndpointAddress] | None, atomic("Addresses not ready yet.")
    ] = None
    ports: Annotated[list[EndpointPort] | None, atomic("Ports of the addresses.")] = None


class Endpoints(Base, kw_only=True):
    """The addresses behind a service."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ObjectMeta | None, doc(_META)] = None
    subsets: Annotated[list[EndpointSubset] | None, atomic("Groups of addresses and ports.")] = None


class EndpointsList(Base, kw_only=True):
    """A list of endpoints."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ListMeta | None, doc(_LIST_META)] = None
    items: Annotated[list[Endpoints], doc("The endpoints.")]


# --- config ---------------------------------------------------------------------------


class ConfigMap(Base, kw_only=True):
    """Configuration data as key/value pairs."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ObjectMeta | None, doc(_META)] = None
    immutable: Annotated[bool | None, doc("If true, data cannot change.")] = None
    data: Annotated[dict[str, str] | None, doc("UTF-8 values.")] = None
    binaryData: Annotated[dict[str, Bytes] | None, doc("Binary values, base64-encoded.")] = None


class ConfigMapList(Base, kw_only=True):
    """A list of config maps."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ListMeta | None, doc(_LIST_META)] = None
    items: Annotated[list[ConfigMap], doc("The config maps.")]


class Secret(Base, kw_only=True):
    """Sensitive data as key/value pairs."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ObjectMeta | None, doc(_META)] = None
    immutable: Annotated[bool | None, doc("If true, data cannot change.")] = None
    data: Annotated[dict[str, Bytes] | None, doc("Values, base64-encoded.")] = None
    stringData: Annotated[
        dict[str, str] | None, doc("Write-only plain values merged into data on write.")
    ] = None
    type: Annotated[str | None, doc("How the data is used, e.g. Opaque or kubernetes.io/tls.")] = (
        None
    )


class SecretList(Base, kw_only=True):
    """A list of secrets."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ListMeta | None, doc(_LIST_META)] = None
    items: Annotated[list[Secret], doc("The secrets.")]


class ServiceAccount(Base, kw_only=True):
    """An identity for processes in pods."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ObjectMeta | None, doc(_META)] = None
    secrets: Annotated[
        list[ObjectReference] | None, merge_list("Secrets pods of this account may use.", "name")
    ] = None
    imagePullSecrets: Annotated[
        list[LocalObjectReference] | None, atomic("Secrets for pulling images.")
    ] = None
    automountServiceAccountToken: Annotated[bool | None, doc("Mount the token into pods.")] = None


class ServiceAccountList(Base, kw_only=True):
    """A list of service accounts."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ListMeta | None, doc(_LIST_META)] = None
    items: Annotated[list[ServiceAccount], doc("The service accounts.")]


# --- nodes ----------------------------------------------------------------------------


class Taint(Base, kw_only=True):
    """Repels pods that do not tolerate it."""

    key: Annotated[str, doc("Taint key.")]
    value: Annotated[str | None, doc("Taint value.")] = None
    effect: Annotated[
        str,
        doc(
            "NoSchedule, PreferNoSchedule or NoExecute.",
            enum=("NoExecute", "NoSchedule", "PreferNoSchedule"),
        ),
    ]
    timeAdded: Annotated[Time | None, doc("When a NoExecute taint was added.")] = None


class NodeSpec(Base, kw_only=True):
    """The desired state of a node."""

    podCIDR: Annotated[str | None, doc("Pod IP range of the node.")] = None
    podCIDRs: Annotated[
        list[str] | None, doc("Pod IP ranges, one per family.", strategy="merge", list_type="set")
    ] = None
    providerID: Annotated[str | None, doc("Cloud provider id.")] = None
    unschedulable: Annotated[bool | None, doc("Keep new pods off the node.")] = None
    taints: Annotated[list[Taint] | None, atomic("Taints of the node.")] = None
    configSource: Annotated[FreeForm | None, doc("Deprecated.")] = None
    externalID: Annotated[str | None, doc("Deprecated.")] = None


class NodeCondition(Base, kw_only=True):
    """One condition of a node, e.g. Ready."""

    type: Annotated[
        str, doc("Ready, MemoryPressure, DiskPressure, PIDPressure, NetworkUnavailable.")
    ]
    status: Annotated[str, doc("True, False or Unknown.")]
    lastHeartbeatTime: Annotated[Time | None, doc("Last heartbeat.")] = None
    lastTransitionTime: Annotated[Time | None, doc("Last status change.")] = None
    reason: Annotated[str | None, doc("Reason of the last transition.")] = None
    message: Annotated[str | None, doc("Details.")] = None


class NodeAddress(Base, kw_only=True):
    """An address of a node."""

    type: Annotated[str, doc("Hostname, InternalIP, ExternalIP, InternalDNS or ExternalDNS.")]
    address: Annotated[str, doc("The address.")]


class DaemonEndpoint(Base, kw_only=True):
    """A port of a node daemon."""

    Port: Annotated[Int32, doc("Port number.")]


class NodeDaemonEndpoints(Base, kw_only=True):
    """Ports of the node's daemons."""

    kubeletEndpoint: Annotated[DaemonEndpoint | None, doc("The node agent's port.")] = None


class NodeSystemInfo(Base, kw_only=True):
    """Facts about a node's system."""

    machineID: Annotated[str, doc("Machine id.")]
    systemUUID: Annotated[str, doc("System UUID.")]
    bootID: Annotated[str, doc("Boot id.")]
    kernelVersion: Annotated[str, doc("Kernel version.")]
    osImage: Annotated[str, doc("OS image.")]
    containerRuntimeVersion: Annotated[str, doc("Container runtime and version.")]
    kubeletVersion: Annotated[str, doc("Node agent version.")]
    kubeProxyVersion: Annotated[str, doc("Deprecated.")]
    operatingSystem: Annotated[str, doc("linux or windows.")]
    architecture: Annotated[str, doc("CPU architecture.")]
    swap: Annotated[FreeForm | None, doc("Swap information.")] = None


class ContainerImage(Base, kw_only=True):
    """An image present on a node."""

    names: Annotated[list[str] | None, atomic("Names of the image.")] = None
    sizeBytes: Annotated[Int64 | None, doc("Size in bytes.")] = None


class AttachedVolume(Base, kw_only=True):
    """A volume attached to a node."""

    name: Annotated[str, doc("Volume name.")]
    devicePath: Annotated[str, doc("Device path.")]


class NodeStatus(Base, kw_only=True):
    """The observed state of a node."""

    capacity: Annotated[_ResourceList | None, doc("Total resources of the node.")] = None
    allocatable: Annotated[_ResourceList | None, doc("Resources available to pods.")] = None
    phase: Annotated[str | None, doc("Deprecated.")] = None
    conditions: Annotated[list[NodeCondition] | None, merge_list("Current conditions.", "type")] = (
        None
    )
    addresses: Annotated[list[NodeAddress] | None, merge_list("Addresses of the node.", "type")] = (
        None
    )
    daemonEndpoints: Annotated[NodeDaemonEndpoints | None, doc("Daemon ports.")] = None
    nodeInfo: Annotated[NodeSystemInfo | None, doc("System facts.")] = None
    images: Annotated[list[ContainerImage] | None, atomic("Images on the node.")] = None
    volumesInUse: Annotated[list[str] | None, atomic("Volumes in use.")] = None
    volumesAttached: Annotated[list[AttachedVolume] | None, atomic("Volumes attached.")] = None
    config: Annotated[FreeForm | None, doc("Deprecated.")] = None
    runtimeHandlers: Annotated[list[FreeForm] | None, atomic("Runtime handlers available.")] = None
    features: Annotated[FreeForm | None, doc("Features the node supports.")] = None


class Node(Base, kw_only=True):
    """A machine that runs pods."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ObjectMeta | None, doc(_META)] = None
    spec: Annotated[NodeSpec | None, doc("Desired state of the node.")] = None
    status: Annotated[NodeStatus | None, doc("Observed state of the node. Read-only.")] = None


class NodeList(Base, kw_only=True):
    """A list of nodes."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ListMeta | None, doc(_LIST_META)] = None
    items: Annotated[list[Node], doc("The nodes.")]


# --- events ---------------------------------------------------------------------------


class EventSource(Base, kw_only=True):
    """The component that reported an event."""

    component: Annotated[str | None, doc("Component name.")] = None
    host: Annotated[str | None, doc("Node name.")] = None


class EventSeries(Base, kw_only=True):
    """A series of repeated events."""

    count: Annotated[Int32 | None, doc("Occurrences so far.")] = None
    lastObservedTime: Annotated[MicroTime | None, doc("Time of the last occurrence.")] = None


class Event(Base, kw_only=True):
    """A report of something that happened to an object."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ObjectMeta, doc(_META)]
    involvedObject: Annotated[ObjectReference, doc("The object the event is about.")]
    reason: Annotated[str | None, doc("Short machine-readable reason.")] = None
    message: Annotated[str | None, doc("Human-readable description.")] = None
    source: Annotated[EventSource | None, doc("Reporting component.")] = None
    firstTimestamp: Annotated[Time | None, doc("First occurrence.")] = None
    lastTimestamp: Annotated[Time | None, doc("Last occurrence.")] = None
    count: Annotated[Int32 | None, doc("Occurrences.")] = None
    type: Annotated[str | None, doc("Normal or Warning.")] = None
    eventTime: Annotated[MicroTime | None, doc("When the event was first observed.")] = None
    series: Annotated[EventSeries | None, doc("Series data for repeated events.")] = None
    action: Annotated[str | None, doc("What was done.")] = None
    related: Annotated[ObjectReference | None, doc("A second object involved.")] = None
    reportingComponent: Annotated[str | None, doc("Controller that emitted the event.")] = None
    reportingInstance: Annotated[str | None, doc("Instance of the controller.")] = None


class EventList(Base, kw_only=True):
    """A list of events."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ListMeta | None, doc(_LIST_META)] = None
    items: Annotated[list[Event], doc("The events.")]


# --- replication controllers ----------------------------------------------------------


class ReplicationControllerSpec(Base, kw_only=True):
    """The desired state of a replication controller."""

    replicas: Annotated[Int32 | None, doc("Desired number of pods; 1 by default.")] = None
    minReadySeconds: Annotated[
        Int32 | None, doc("Seconds a pod must be ready to count as available.")
    ] = None
    selector: Annotated[
        dict[str, str] | None, doc("Labels of the pods managed.", map_type="atomic")
    ] = None
    template: Annotated[PodTemplateSpec | None, doc("Pods created when too few exist.")] = None


class ReplicationControllerCondition(Base, kw_only=True):
    """One condition of a replication controller."""

    type: Annotated[str, doc("Condition type.")]
    status: Annotated[str, doc("True, False or Unknown.")]
    lastTransitionTime: Annotated[Time | None, doc("Last status change.")] = None
    reason: Annotated[str | None, doc("Reason of the last transition.")] = None
    message: Annotated[str | None, doc("Details.")] = None


class ReplicationControllerStatus(Base, kw_only=True):
    """The observed state of a replication controller."""

    replicas: Annotated[Int32, doc("Pods observed.")]
    fullyLabeledReplicas: Annotated[Int32 | None, doc("Pods with all template labels.")] = None
    readyReplicas: Annotated[Int32 | None, doc("Ready pods.")] = None
    availableReplicas: Annotated[Int32 | None, doc("Available pods.")] = None
    observedGeneration: Annotated[Int64 | None, doc("Generation last acted upon.")] = None
    conditions: Annotated[
        list[ReplicationControllerCondition] | None, merge_list("Current conditions.", "type")
    ] = None


class ReplicationController(Base, kw_only=True):
    """Keeps a number of pod replicas running."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ObjectMeta | None, doc(_META)] = None
    spec: Annotated[ReplicationControllerSpec | None, doc("Desired state.")] = None
    status: Annotated[ReplicationControllerStatus | None, doc("Observed state. Read-only.")] = None


class ReplicationControllerList(Base, kw_only=True):
    """A list of replication controllers."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ListMeta | None, doc(_LIST_META)] = None
    items: Annotated[list[ReplicationController], doc("The replication controllers.")]


# --- limit ranges and quotas ----------------------------------------------------------


class LimitRangeItem(Base, kw_only=True):
    """Resource bounds for one kind of object."""

    type: Annotated[str, doc("Pod, Container or PersistentVolumeClaim.")]
    max: Annotated[_ResourceList | None, doc("Largest allowed amounts.")] = None
    min: Annotated[_ResourceList | None, doc("Smallest allowed amounts.")] = None
    default: Annotated[_ResourceList | None, doc("Default limits.")] = None
    defaultRequest: Annotated[_ResourceList | None, doc("Default requests.")] = None
    maxLimitRequestRatio: Annotated[_ResourceList | None, doc("Largest limit/request ratio.")] = (
        None
    )


class LimitRangeSpec(Base, kw_only=True):
    """The limits of a limit range."""

    limits: Annotated[list[LimitRangeItem], atomic("The limits.")]


class LimitRange(Base, kw_only=True):
    """Resource bounds and defaults for objects of a namespace."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ObjectMeta | None, doc(_META)] = None
    spec: Annotated[LimitRangeSpec | None, doc("The limits.")] = None


class LimitRangeList(Base, kw_only=True):
    """A list of limit ranges."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ListMeta | None, doc(_LIST_META)] = None
    items: Annotated[list[LimitRange], doc("The limit ranges.")]


class ScopedResourceSelectorRequirement(Base, kw_only=True):
    """One test of a quota scope."""

    scopeName: Annotated[str, doc("The scope.")]
    operator: Annotated[str, doc("In, NotIn, Exists or DoesNotExist.")]
    values: Annotated[list[str] | None, atomic("Values to compare with.")] = None


class ScopeSelector(Base, kw_only=True):
    """Scope tests that must all hold."""

    matchExpressions: Annotated[
        list[ScopedResourceSelectorRequirement] | None, atomic("The tests.")
    ] = None


class ResourceQuotaSpec(Base, kw_only=True):
    """The desired limits of a quota."""

    hard: Annotated[_ResourceList | None, doc("Most of each resource the namespace may use.")] = (
        None
    )
    scopes: Annotated[list[str] | None, atomic("Scopes the quota applies to.")] = None
    scopeSelector: Annotated[ScopeSelector | None, doc("Scope tests.")] = None


class ResourceQuotaStatus(Base, kw_only=True):
    """The enforced limits and current use of a quota."""

    hard: Annotated[_ResourceList | None, doc("Enforced limits.")] = None
    used: Annotated[_ResourceList | None, doc("Current use.")] = None


class ResourceQuota(Base, kw_only=True):
    """Total resource limits of a namespace."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ObjectMeta | None, doc(_META)] = None
    spec: Annotated[ResourceQuotaSpec | None, doc("Desired limits.")] = None
    status: Annotated[ResourceQuotaStatus | None, doc("Enforced limits and use. Read-only.")] = None


class ResourceQuotaList(Base, kw_only=True):
    """A list of resource quotas."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ListMeta | None, doc(_LIST_META)] = None
    items: Annotated[list[ResourceQuota], doc("The resource quotas.")]


# --- namespaces -----------------------------------------------------------------------


class NamespaceSpec(Base, kw_only=True):
    """The desired state of a namespace."""

    finalizers: Annotated[
        list[str] | None, atomic("Must be empty before the namespace is removed.")
    ] = None


class NamespaceCondition(Base, kw_only=True):
    """One condition of a namespace."""

    type: Annotated[str, doc("Condition type.")]
    status: Annotated[str, doc("True, False or Unknown.")]
    lastTransitionTime: Annotated[Time | None, doc("Last status change.")] = None
    reason: Annotated[str | None, doc("Reason of the last transition.")] = None
    message: Annotated[str | None, doc("Details.")] = None


class NamespaceStatus(Base, kw_only=True):
    """The observed state of a namespace."""

    phase: Annotated[str | None, doc("Active or Terminating.", enum=("Active", "Terminating"))] = (
        None
    )
    conditions: Annotated[
        list[NamespaceCondition] | None, merge_list("Current conditions.", "type")
    ] = None


class Namespace(Base, kw_only=True):
    """A scope for names, quotas and policies."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ObjectMeta | None, doc(_META)] = None
    spec: Annotated[NamespaceSpec | None, doc("Desired state.")] = None
    status: Annotated[NamespaceStatus | None, doc("Observed state. Read-only.")] = None


class NamespaceList(Base, kw_only=True):
    """A list of namespaces."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ListMeta | None, doc(_LIST_META)] = None
    items: Annotated[list[Namespace], doc("The namespaces.")]


# --- persistent volume claims (embedded in StatefulSets) -------------------------------


class VolumeResourceRequirements(Base, kw_only=True):
    """Storage requested by a claim."""

    limits: Annotated[_ResourceList | None, doc("Most storage allowed.")] = None
    requests: Annotated[_ResourceList | None, doc("Least storage needed.")] = None


class PersistentVolumeClaimSpec(Base, kw_only=True):
    """The storage a claim asks for."""

    accessModes: Annotated[
        list[str] | None, atomic("ReadWriteOnce, ReadOnlyMany, ReadWriteMany, ReadWriteOncePod.")
    ] = None
    selector: Annotated[LabelSelector | None, doc("Volumes to consider.")] = None
    resources: Annotated[VolumeResourceRequirements | None, doc("Storage requested.")] = None
    volumeName: Annotated[str | None, doc("A specific volume to bind.")] = None
    storageClassName: Annotated[str | None, doc("StorageClass to provision from.")] = None
    volumeMode: Annotated[str | None, doc("Filesystem or Block.")] = None
    dataSource: Annotated[
        TypedLocalObjectReference | None, doc("Object to populate the volume from.")
    ] = None
    dataSourceRef: Annotated[
        FreeForm | None, doc("Object to populate the volume from, any namespace.")
    ] = None
    volumeAttributesClassName: Annotated[str | None, doc("VolumeAttributesClass to use.")] = None


class PersistentVolumeClaimStatus(Base, kw_only=True):
    """The observed state of a claim."""

    phase: Annotated[str | None, doc("Pending, Bound or Lost.")] = None
    accessModes: Annotated[list[str] | None, atomic("Access modes of the bound volume.")] = None
    capacity: Annotated[_ResourceList | None, doc("Capacity of the bound volume.")] = None
    conditions: Annotated[list[FreeForm] | None, merge_list("Current conditions.", "type")] = None
    allocatedResources: Annotated[_ResourceList | None, doc("Allocated storage.")] = None


class PersistentVolumeClaim(Base, kw_only=True):
    """A request for storage."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ObjectMeta | None, doc(_META)] = None
    spec: Annotated[PersistentVolumeClaimSpec | None, doc("Desired storage.")] = None
    status: Annotated[PersistentVolumeClaimStatus | None, doc("Observed state. Read-only.")] = None


class PersistentVolumeClaimList(Base, kw_only=True):
    """A list of persistent volume claims."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ListMeta | None, doc(_LIST_META)] = None
    items: Annotated[list[PersistentVolumeClaim], doc("The claims.")]


# --- persistent volumes ------------------------------------------------------------------

_PV_SOURCE = "A volume source kept as written."


class PersistentVolumeSpec(Base, kw_only=True):
    """A piece of storage and how it may be claimed. Exactly one source is set."""

    capacity: Annotated[_ResourceList | None, doc("Its size, as storage.")] = None
    accessModes: Annotated[
        list[str] | None, atomic("ReadWriteOnce, ReadOnlyMany, ReadWriteMany, ReadWriteOncePod.")
    ] = None
    claimRef: Annotated[ObjectReference | None, doc("The claim bound to it.")] = None
    persistentVolumeReclaimPolicy: Annotated[
        str | None,
        doc("Retain, Delete or Recycle; Retain by default.", enum=("Delete", "Recycle", "Retain")),
    ] = None
    storageClassName: Annotated[str | None, doc("Its StorageClass.")] = None
    mountOptions: Annotated[list[str] | None, atomic("Mount options.")] = None
    volumeMode: Annotated[
        str | None, doc("Filesystem or Block; Filesystem by default.", enum=("Block", "Filesystem"))
    ] = None
    nodeAffinity: Annotated[FreeForm | None, doc("Nodes it can be used from.")] = None
    volumeAttributesClassName: Annotated[str | None, doc("Its VolumeAttributesClass.")] = None
    hostPath: Annotated[HostPathVolumeSource | None, doc("A directory on the node.")] = None
    nfs: Annotated[NFSVolumeSource | None, doc("An NFS export.")] = None
    local: Annotated[FreeForm | None, doc("A local disk of a node.")] = None
    csi: Annotated[FreeForm | None, doc("A CSI driver's volume.")] = None
    iscsi: Annotated[FreeForm | None, doc(_PV_SOURCE)] = None
    fc: Annotated[FreeForm | None, doc(_PV_SOURCE)] = None
    rbd: Annotated[FreeForm | None, doc(_PV_SOURCE)] = None
    cephfs: Annotated[FreeForm | None, doc(_PV_SOURCE)] = None
    glusterfs: Annotated[FreeForm | None, doc(_PV_SOURCE)] = None
    awsElasticBlockStore: Annotated[FreeForm | None, doc(_PV_SOURCE)] = None
    gcePersistentDisk: Annotated[FreeForm | None, doc(_PV_SOURCE)] = None
    azureDisk: Annotated[FreeForm | None, doc(_PV_SOURCE)] = None
    azureFile: Annotated[FreeForm | None, doc(_PV_SOURCE)] = None
    vsphereVolume: Annotated[FreeForm | None, doc(_PV_SOURCE)] = None


class PersistentVolumeStatus(Base, kw_only=True):
    """The observed state of a volume."""

    phase: Annotated[str | None, doc("Pending, Available, Bound, Released or Failed.")] = None
    message: Annotated[str | None, doc("Why it is in this phase.")] = None
    reason: Annotated[str | None, doc("Why it failed, in CamelCase.")] = None
    lastPhaseTransitionTime: Annotated[Time | None, doc("When the phase last changed.")] = None


class PersistentVolume(Base, kw_only=True):
    """A piece of storage in the cluster."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ObjectMeta | None, doc(_META)] = None
    spec: Annotated[PersistentVolumeSpec | None, doc("The storage.")] = None
    status: Annotated[PersistentVolumeStatus | None, doc("Observed state. Read-only.")] = None


class PersistentVolumeList(Base, kw_only=True):
    """A list of persistent volumes."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ListMeta | None, doc(_LIST_META)] = None
    items: Annotated[list[PersistentVolume], doc("The volumes.")]


# --- pod templates -----------------------------------------------------------------------


class PodTemplate(Base, kw_only=True):
    """A stored pod template."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ObjectMeta | None, doc(_META)] = None
    template: Annotated[PodTemplateSpec | None, doc("The pod template.")] = None


class PodTemplateList(Base, kw_only=True):
    """A list of pod templates."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ListMeta | None, doc(_LIST_META)] = None
    items: Annotated[list[PodTemplate], doc("The pod templates.")]
