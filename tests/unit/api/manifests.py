"""Realistic manifests, as users write them and as the server stores them, for the model and schema tests."""

from __future__ import annotations

from typing import Any

DEPLOYMENT: dict[str, Any] = {
    "apiVersion": "apps/v1",
    "kind": "Deployment",
    "metadata": {
        "name": "web",
        "namespace": "default",
        "uid": "0b6c3a9e-8a48-4a57-9a3c-3f0c7a1d2e10",
        "resourceVersion": "42",
        "generation": 3,
        "creationTimestamp": "2024-05-01T10:00:00Z",
        "labels": {"app": "web", "tier": "frontend"},
        "annotations": {"deployment.kubernetes.io/revision": "2"},
        "finalizers": ["example.com/keep"],
        "managedFields": [
            {
                "manager": "kubectl-client-side-apply",
                "operation": "Update",
                "apiVersion": "apps/v1",
                "time": "2024-05-01T10:00:00Z",
                "fieldsType": "FieldsV1",
                "fieldsV1": {"f:spec": {"f:replicas": {}}},
            }
        ],
    },
    "spec": {
        "replicas": 3,
        "selector": {
            "matchLabels": {"app": "web"},
            "matchExpressions": [{"key": "tier", "operator": "In", "values": ["frontend"]}],
        },
        "strategy": {
            "type": "RollingUpdate",
            "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": 0},
        },
        "minReadySeconds": 5,
        "revisionHistoryLimit": 10,
        "progressDeadlineSeconds": 600,
        "template": {
            "metadata": {"labels": {"app": "web", "tier": "frontend"}},
            "spec": {
                "containers": [
                    {
                        "name": "web",
                        "image": "nginx:1.27",
                        "imagePullPolicy": "IfNotPresent",
                        "ports": [{"name": "http", "containerPort": 80, "protocol": "TCP"}],
                        "env": [
                            {"name": "MODE", "value": "prod"},
                            {
                                "name": "POD_IP",
                                "valueFrom": {"fieldRef": {"fieldPath": "status.podIP"}},
                            },
                            {
                                "name": "PASSWORD",
                                "valueFrom": {"secretKeyRef": {"name": "db", "key": "password"}},
                            },
                            {
                                "name": "CPU_LIMIT",
                                "valueFrom": {
                                    "resourceFieldRef": {"resource": "limits.cpu", "divisor": "1m"}
                                },
                            },
                        ],
                        "envFrom": [{"configMapRef": {"name": "web-config"}, "prefix": "CFG_"}],
                        "resources": {
                            "limits": {"cpu": "500m", "memory": "128Mi"},
                            "requests": {"cpu": 0.25, "memory": 64000000},
                        },
                        "readinessProbe": {
                            "httpGet": {"path": "/healthz", "port": "http"},
                            "periodSeconds": 5,
                        },
                    }
                ],
                "affinity": {
                    "podAntiAffinity": {
                        "preferredDuringSchedulingIgnoredDuringExecution": [
                            {
                                "weight": 100,
                                "podAffinityTerm": {
                                    "labelSelector": {"matchLabels": {"app": "web"}},
                                    "topologyKey": "kubernetes.io/hostname",
                                },
                            }
                        ]
                    }
                },
                "tolerations": [
                    {
                        "key": "dedicated",
                        "operator": "Equal",
                        "value": "web",
                        "effect": "NoSchedule",
                    }
                ],
            },
        },
    },
    "status": {
        "observedGeneration": 3,
        "replicas": 3,
        "updatedReplicas": 3,
        "readyReplicas": 3,
        "availableReplicas": 3,
        "conditions": [
            {
                "type": "Available",
                "status": "True",
                "lastUpdateTime": "2024-05-01T10:01:00Z",
                "lastTransitionTime": "2024-05-01T10:01:00Z",
                "reason": "MinimumReplicasAvailable",
                "message": "Deployment has minimum availability.",
            }
        ],
    },
}

POD: dict[str, Any] = {
    "apiVersion": "v1",
    "kind": "Pod",
    "metadata": {
        "name": "app-0",
        "namespace": "default",
        "labels": {"app": "app"},
        "ownerReferences": [
            {
                "apiVersion": "apps/v1",
                "kind": "ReplicaSet",
                "name": "app-5d9c",
                "uid": "7c1f0a52-d7a9-4f1e-9e1a-0d5a2b3c4d5e",
                "controller": True,
                "blockOwnerDeletion": True,
            }
        ],
    },
    "spec": {
        "initContainers": [
            {
                "name": "init",
                "image": "busybox:1.36",
                "command": ["sh", "-c", "echo ready > /work/ok"],
            }
        ],
        "containers": [
            {
                "name": "app",
                "image": "registry.example.com/app:2.1",
                "args": ["--port=8080"],
                "workingDir": "/srv",
                "ports": [{"containerPort": 8080}, {"containerPort": 9090, "name": "metrics"}],
                "volumeMounts": [
                    {"name": "work", "mountPath": "/work"},
                    {"name": "config", "mountPath": "/etc/app", "readOnly": True},
                    {"name": "token", "mountPath": "/var/run/secrets/tokens"},
                    {"name": "data", "mountPath": "/data", "subPath": "app"},
                ],
                "livenessProbe": {
                    "tcpSocket": {"port": 8080},
                    "initialDelaySeconds": 10,
                    "failureThreshold": 3,
                },
                "readinessProbe": {
                    "httpGet": {
                        "path": "/ready",
                        "port": 8080,
                        "scheme": "HTTP",
                        "httpHeaders": [{"name": "X-Probe", "value": "1"}],
                    }
                },
                "startupProbe": {"exec": {"command": ["cat", "/work/ok"]}, "periodSeconds": 1},
                "lifecycle": {
                    "preStop": {"sleep": {"seconds": 5}},
                    "postStart": {"exec": {"command": ["true"]}},
                },
                "securityContext": {
                    "runAsNonRoot": True,
                    "runAsUser": 1000,
                    "allowPrivilegeEscalation": False,
                    "capabilities": {"drop": ["ALL"], "add": ["NET_BIND_SERVICE"]},
                    "seccompProfile": {"type": "RuntimeDefault"},
                },
                "resources": {"limits": {"memory": "1Gi", "nvidia.com/gpu": 1}},
                "terminationMessagePolicy": "FallbackToLogsOnError",
            }
        ],
        "volumes": [
            {"name": "work", "emptyDir": {"medium": "Memory", "sizeLimit": "64Mi"}},
            {"name": "host", "hostPath": {"path": "/var/log", "type": "Directory"}},
            {
                "name": "config",
                "configMap": {
                    "name": "app-config",
                    "items": [{"key": "app.yaml", "path": "app.yaml"}],
                    "defaultMode": 420,
                },
            },
            {"name": "certs", "secret": {"secretName": "app-tls", "optional": True}},
            {"name": "data", "persistentVolumeClaim": {"claimName": "app-data"}},
            {
                "name": "podinfo",
                "downwardAPI": {
                    "items": [{"path": "labels", "fieldRef": {"fieldPath": "metadata.labels"}}]
                },
            },
            {
                "name": "token",
                "projected": {
                    "sources": [
                        {
                            "serviceAccountToken": {
                                "path": "token",
                                "audience": "api",
                                "expirationSeconds": 3600,
                            }
                        },
                        {
                            "configMap": {
                                "name": "kube-root-ca.crt",
                                "items": [{"key": "ca.crt", "path": "ca.crt"}],
                            }
                        },
                        {
                            "downwardAPI": {
                                "items": [
                                    {
                                        "path": "namespace",
                                        "fieldRef": {
                                            "apiVersion": "v1",
                                            "fieldPath": "metadata.namespace",
                                        },
                                    }
                                ]
                            }
                        },
                    ],
                    "defaultMode": 420,
                },
            },
            {
                "name": "legacy",
                "gcePersistentDisk": {"pdName": "disk-1", "fsType": "ext4", "futureField": True},
            },
        ],
        "restartPolicy": "Always",
        "terminationGracePeriodSeconds": 30,
        "dnsPolicy": "ClusterFirst",
        "serviceAccountName": "app",
        "nodeSelector": {"kubernetes.io/os": "linux"},
        "securityContext": {
            "fsGroup": 2000,
            "sysctls": [{"name": "net.ipv4.ip_local_port_range", "value": "1024 65535"}],
        },
        "imagePullSecrets": [{"name": "regcred"}],
        "hostAliases": [{"ip": "10.0.0.1", "hostnames": ["db.local"]}],
        "topologySpreadConstraints": [
            {
                "maxSkew": 1,
                "topologyKey": "topology.kubernetes.io/zone",
                "whenUnsatisfiable": "ScheduleAnyway",
                "labelSelector": {"matchLabels": {"app": "app"}},
            }
        ],
    },
    "status": {
        "phase": "Running",
        "conditions": [
            {"type": "Ready", "status": "True", "lastTransitionTime": "2024-05-01T10:00:05Z"}
        ],
        "hostIP": "192.168.1.10",
        "podIP": "10.244.0.7",
        "podIPs": [{"ip": "10.244.0.7"}],
        "startTime": "2024-05-01T10:00:00Z",
        "qosClass": "Burstable",
        "containerStatuses": [
            {
                "name": "app",
                "state": {"running": {"startedAt": "2024-05-01T10:00:03Z"}},
                "lastState": {"terminated": {"exitCode": 137, "reason": "OOMKilled"}},
                "ready": True,
                "restartCount": 1,
                "image": "registry.example.com/app:2.1",
                "imageID": "registry.example.com/app@sha256:abc",
                "containerID": "containerd://0123",
                "started": True,
            }
        ],
    },
}

SERVICE: dict[str, Any] = {
    "apiVersion": "v1",
    "kind": "Service",
    "metadata": {"name": "web", "namespace": "default"},
    "spec": {
        "type": "NodePort",
        "selector": {"app": "web"},
        "clusterIP": "10.96.0.20",
        "clusterIPs": ["10.96.0.20"],
        "ipFamilies": ["IPv4"],
        "ipFamilyPolicy": "SingleStack",
        "ports": [
            {
                "name": "http",
                "port": 80,
                "targetPort": "http",
                "protocol": "TCP",
                "nodePort": 30080,
            },
            {"name": "metrics", "port": 9090, "targetPort": 9090},
        ],
        "sessionAffinity": "ClientIP",
        "sessionAffinityConfig": {"clientIP": {"timeoutSeconds": 600}},
        "externalTrafficPolicy": "Cluster",
    },
    "status": {"loadBalancer": {}},
}

CRONJOB: dict[str, Any] = {
    "apiVersion": "batch/v1",
    "kind": "CronJob",
    "metadata": {"name": "backup", "namespace": "ops"},
    "spec": {
        "schedule": "*/15 * * * *",
        "timeZone": "Etc/UTC",
        "concurrencyPolicy": "Forbid",
        "startingDeadlineSeconds": 120,
        "successfulJobsHistoryLimit": 3,
        "failedJobsHistoryLimit": 1,
        "suspend": False,
        "jobTemplate": {
            "metadata": {"labels": {"job": "backup"}},
            "spec": {
                "backoffLimit": 2,
                "activeDeadlineSeconds": 600,
                "ttlSecondsAfterFinished": 3600,
                "podFailurePolicy": {
                    "rules": [
                        {"action": "FailJob", "onExitCodes": {"operator": "In", "values": [42]}}
                    ]
                },
                "template": {
                    "spec": {
                        "restartPolicy": "OnFailure",
                        "containers": [
                            {
                                "name": "backup",
                                "image": "backup:1",
                                "command": ["/bin/backup", "--all"],
                                "env": [
                                    {
                                        "name": "TARGET",
                                        "valueFrom": {
                                            "configMapKeyRef": {
                                                "name": "backup",
                                                "key": "target",
                                                "optional": True,
                                            }
                                        },
                                    }
                                ],
                            }
                        ],
                    }
                },
            },
        },
    },
    "status": {
        "active": [
            {
                "kind": "Job",
                "namespace": "ops",
                "name": "backup-28000000",
                "uid": "1",
                "apiVersion": "batch/v1",
            }
        ],
        "lastScheduleTime": "2024-05-01T10:15:00Z",
    },
}
