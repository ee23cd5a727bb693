"""The API server: an aiohttp app over HTTPS that serves the Kubernetes REST API.

`run_server(config)` opens the store, starts the watch cache, serves until
cancelled (SIGTERM/SIGINT in `mkpy server`), and stops every task it started.

Two environment knobs exist for tests that need to reach a bound quickly:
MKPY_WATCH_CACHE_SIZE (events the watch cache keeps; default 20,000) and
MKPY_WATCH_BOOKMARK_INTERVAL (seconds between watch bookmarks; default 30).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import time
import traceback
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec
from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError

from minikube_py import __version__
from minikube_py.api import discovery, errors, objects
from minikube_py.api import request as req
from minikube_py.api.handlers import Handlers, Options, json_response
from minikube_py.api.openapi import OpenAPIDocs, build_openapi
from minikube_py.api.pki import PKI, Identity, TokenSigner
from minikube_py.api.registry import Registry
from minikube_py.api.services import DEFAULT_SERVICE_CIDR
from minikube_py.api.watchcache import WatchCache
from minikube_py.store import KeyExists, NotFound, Store, StoreError, open_store

log = logging.getLogger(__name__)


class _ParseErrorsOnOneLine(logging.Filter):
    """aiohttp answers a request it cannot parse (a request line or header over
    MAX_HEADER_BYTES, a malformed request) itself, with a plain-text 400, and logs it
    at ERROR with the parser's traceback. That is the client's mistake, not a bug of
    ours: log it as one warning line. (The answer stays aiohttp's: it offers no
    public hook for the body of a request its parser refused.)"""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if isinstance(exc, HttpProcessingError):
            record.msg, record.args = "%s: %s", (record.getMessage(), exc.message)
            record.levelno, record.levelname = logging.WARNING, "WARNING"
            record.exc_info, record.exc_text = None, None
        return True


# given to aiohttp's protocol as its logger (the documented `logger` argument)
http_log = logging.getLogger(f"{__name__}.http")
http_log.addFilter(_ParseErrorsOnOneLine())

KUBE_VERSION = {"major": "1", "minor": "33"}
SYSTEM_NAMESPACES = ("default", "kube-system", "kube-public", "kube-node-lease")
AGG_V2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"
AGG_V2BETA1 = "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList"
# a request line or header may be as long as Go's net/http allows (long label and
# field selectors); aiohttp's 8 KiB default answered a bare 400 and logged a traceback
MAX_HEADER_BYTES = 1 << 20
PUBLIC_PATHS = ("/healthz", "/livez", "/readyz", "/version", "/version/")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _env_int(name: str, default: int) -> int:
    """A positive tuning knob from the environment (tests shrink the watch cache with it)."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        log.warning("ignoring %s=%r: not an integer", name, raw)
        return default
    return value if value > 0 else default


def _env_float(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        log.warning("ignoring %s=%r: not a number", name, raw)
        return default
    return value if value > 0 else default


def _rest_verb(request: web.Request, info: req.RequestInfo) -> str | None:
    """The Kubernetes verb of a request on a resource itself (None for a subresource)."""
    if info.subresource is not None:
        return None
    watch = request.query.get("watch") in ("true", "1")
    if info.name is None:
        read, delete = ("watch" if watch else "list"), "deletecollection"
    else:
        read, delete = ("watch" if watch else "get"), "delete"
    verbs = {"GET": read, "POST": "create", "PUT": "update", "PATCH": "patch", "DELETE": delete}
    return verbs.get(request.method, "")


@dataclass
class ServerConfig:
    data_dir: Path
    bind: str = "127.0.0.1"
    port: int = 6443
    store_url: str = ""
    advertise: list[str] = field(default_factory=list)
    service_cidr: str = DEFAULT_SERVICE_CIDR

    def resolved_store_url(self) -> str:
        return self.store_url or f"sqlite:///{(self.data_dir / 'state.db').resolve()}"


class APIServer:
    def __init__(
        self,
        store: Store,
        registry: Registry,
        openapi: OpenAPIDocs,
        tokens: TokenSigner,
        server_address: str,
        service_cidr: str = DEFAULT_SERVICE_CIDR,
    ) -> None:
        self.store = store
        self.registry = registry
        self.openapi = openapi
        self.tokens = tokens
        self.cache = WatchCache(store, capacity=_env_int("MKPY_WATCH_CACHE_SIZE", 20_000))
        self.handlers = Handlers(store, self.cache, registry, openapi, tokens, service_cidr)
        self.handlers.bookmark_interval = _env_float(
            "MKPY_WATCH_BOOKMARK_INTERVAL", self.handlers.bookmark_interval
        )
        self.server_address = server_address
        self.ready = asyncio.Event()
        self.app = self._make_app()

    # -------------------------------------------------------------- middleware

    def _make_app(self) -> web.Application:
        app = web.Application(
            middlewares=[self._errors_mw, self._auth_mw], client_max_size=req.MAX_BODY_BYTES
        )
        app.router.add_get("/healthz", self._health)
        app.router.add_get("/livez", self._health)
        app.router.add_get("/readyz", self._ready)
        app.router.add_get("/version", self._version)
        app.router.add_get("/version/", self._version)  # the Python client asks for this one
        app.router.add_get("/api", self._api)
        app.router.add_get("/api/", self._api)
        app.router.add_get("/apis", self._apis)
        app.router.add_get("/apis/", self._apis)
        app.router.add_get("/openapi/v2", self._openapi_v2)
        app.router.add_get("/openapi/v3", self._openapi_v3_index)
        app.router.add_get("/openapi/v3/{path:.+}", self._openapi_v3_doc)
        app.router.add_route("*", "/api/{tail:.+}", self._resource)
        app.router.add_route("*", "/apis/{tail:.+}", self._resource)
        return app

    @web.middleware
    async def _errors_mw(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        try:
            return await handler(request)
        except errors.APIError as exc:
            return json_response(exc.status(), exc.code)
        except web.HTTPException as exc:
            if exc.status == 404:
                return json_response(errors.path_not_found(request.path).status(), 404)
            if exc.status == 413:
                return json_response(errors.too_large(req.MAX_BODY_BYTES).status(), 413)
            if exc.status == 405:
                return json_response(errors.method_not_allowed(request.method).status(), 405)
            raise
        except StoreError as exc:
            log.error("store error on %s %s: %s", request.method, request.path, exc)
            return json_response(errors.internal(str(exc)).status(), 500)
        except (asyncio.CancelledError, ConnectionResetError):
            raise
        except Exception as exc:
            log.error(
                "unhandled error on %s %s:\n%s",
                request.method,
                request.path,
                traceback.format_exc(),
            )
            return json_response(errors.internal(f"{type(exc).__name__}: {exc}").status(), 500)

    def _identify(self, request: web.Request) -> Identity | None:
        auth = request.headers.get("Authorization", "")
        if auth.startswith("Bearer "):
            return self.tokens.verify(auth[7:].strip(), time.time())
        transport = request.transport
        peercert = transport.get_extra_info("peercert") if transport else None
        if peercert:
            cn = ""
            orgs: list[str] = []
            for rdn in peercert.get("subject", ()):
                for key, value in rdn:
                    if key == "commonName":
                        cn = value
                    elif key == "organizationName":
                        orgs.append(value)
            if cn:
                return Identity(cn, (*orgs, "system:authenticated"))
        return None

    @web.middleware
    async def _auth_mw(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.path in PUBLIC_PATHS:
            return await handler(request)
        identity = self._identify(request)
        if identity is None:
            raise errors.unauthorized()
        request["identity"] = identity
        return await handler(request)

    # -------------------------------------------------------------- plain endpoints

    async def _health(self, request: web.Request) -> web.StreamResponse:
        return web.Response(text="ok")

    async def _ready(self, request: web.Request) -> web.StreamResponse:
        if not self.ready.is_set():
            return web.Response(status=500, text="[-]store not ready\nreadyz check failed")
        return web.Response(text="ok")

    async def _version(self, request: web.Request) -> web.StreamResponse:
        import platform

        return json_response(
            {
                **KUBE_VERSION,
                "gitVersion": f"v1.33.0-mkpy.{__version__}",
                "gitCommit": "",
                "gitTreeState": "clean",
                "buildDate": "2026-01-01T00:00:00Z",
                "goVersion": f"python{platform.python_version()}",
                "compiler": "cpython",
                "platform": f"{platform.system().lower()}/{platform.machine()}",
            }
        )

    def _aggregated_type(self, request: web.Request) -> str | None:
        for mtype, params in req.accepts(request):
            if (
                params.get("g") == "apidiscovery.k8s.io"
                and params.get("as") == "APIGroupDiscoveryList"
            ):
                if params.get("v") == "v2":
                    return "apidiscovery.k8s.io/v2"
                if params.get("v") == "v2beta1":
                    return "apidiscovery.k8s.io/v2beta1"
            elif mtype in (req.JSON, "*/*", "application/*"):
                return None
        return None

    def _aggregated(self, request: web.Request, legacy: bool) -> web.StreamResponse | None:
        version = self._aggregated_type(request)
        if version is None:
            return None
        body = discovery.aggregated(self.registry, legacy, version)
        ctype = AGG_V2 if version.endswith("v2") else AGG_V2BETA1
        return web.Response(
            body=msgspec.json.encode(body), headers={"Content-Type": ctype, "Vary": "Accept"}
        )

    async def _api(self, request: web.Request) -> web.StreamResponse:
        return self._aggregated(request, True) or json_response(
            discovery.api_versions(self.server_address)
        )

    async def _apis(self, request: web.Request) -> web.StreamResponse:
        return self._aggregated(request, False) or json_response(
            discovery.api_group_list(self.registry)
        )

    async def _openapi_v2(self, request: web.Request) -> web.StreamResponse:
        for mtype, _ in req.accepts(request):
            if mtype.startswith("application/com.github.proto-openapi.spec.v2"):
                # kubectl 1.27/1.28 read v2 as protobuf; it refuses the @-type as a Content-Type
                return web.Response(
                    body=self.openapi.v2_protobuf, content_type="application/octet-stream"
                )
            if mtype in (req.JSON, "*/*", "application/*"):
                return web.Response(body=self.openapi.v2, content_type="application/json")
        # kubectl asks for protobuf only; it falls back to v3 when v2 is not acceptable
        raise errors.not_acceptable(request.headers.get("Accept", ""))

    async def _openapi_v3_index(self, request: web.Request) -> web.StreamResponse:
        return web.Response(body=self.openapi.v3_index, content_type="application/json")

    async def _openapi_v3_doc(self, request: web.Request) -> web.StreamResponse:
        path = request.match_info["path"]
        doc = self.openapi.v3_docs.get(path)
        if doc is None:
            raise errors.path_not_found(request.path)
        headers = {
            "Cache-Control": "public, immutable",
            "Etag": f'"{self.openapi.v3_hashes.get(path, "")}"',
        }
        return web.Response(body=doc, content_type="application/json", headers=headers)

    # -------------------------------------------------------------- resources

    async def _resource(self, request: web.Request) -> web.StreamResponse:
        path = request.path
        parts = [p for p in path.split("/") if p]
        # group and group-version discovery documents
        if parts[0] == "api" and len(parts) == 2:
            doc = discovery.api_resource_list(self.registry, "", parts[1])
            if doc is None or request.method != "GET":
                raise errors.path_not_found(path)
            return json_response(doc)
        if parts[0] == "apis" and len(parts) == 2:
            grp = discovery.api_group(self.registry, parts[1])
            if grp is None or request.method != "GET":
                raise errors.path_not_found(path)
            return json_response(grp)
        if parts[0] == "apis" and len(parts) == 3:
            doc = discovery.api_resource_list(self.registry, parts[1], parts[2])
            if doc is None or request.method != "GET":
                raise errors.path_not_found(path)
            return json_response(doc)
        info = req.parse_path(self.registry, path)
        if info is None:
            raise errors.path_not_found(path)
        h = self.handlers
        method = request.method
        rest_verb = _rest_verb(request, info)
        if rest_verb is not None and rest_verb not in info.resource.verbs:
            # e.g. a GET of a create-only review: Kubernetes has no such route
            raise errors.method_not_allowed(method)
        verb: Handler | None = None
        if info.name is None:
            verb = {
                "GET": lambda r: (
                    h.watch(r, info)
                    if r.query.get("watch") in ("true", "1")
                    else h.list_objects(r, info)
                ),
                "POST": lambda r: h.create(r, info),
                "DELETE": lambda r: h.delete_collection(r, info),
            }.get(method)
        elif info.subresource in (None, "status", "scale", "finalize", "ephemeralcontainers"):
            verb = {
                "GET": lambda r: h.get(r, info),
                "PUT": lambda r: h.update(r, info),
                "PATCH": lambda r: h.patch(r, info),
                "DELETE": (lambda r: h.delete(r, info)) if info.subresource is None else None,
            }.get(method)
        elif info.subresource == "log" and method == "GET":
            verb = lambda r: h.create_subresource(r, info)  # noqa: E731
        elif method in ("POST", "GET") and info.subresource in (
            "binding",
            "eviction",
            "token",
            "exec",
            "attach",
            "portforward",
        ):
            verb = lambda r: h.create_subresource(r, info)  # noqa: E731
        if verb is None:
            raise errors.method_not_allowed(method)
        if (
            method == "GET"
            and request.query.get("watch") in ("true", "1")
            and info.name is not None
        ):
            # a watch of one object by name (legacy form)
            return await h.watch(request, info)
        return await verb(request)

    # -------------------------------------------------------------- lifecycle

    async def bootstrap(self, port: int) -> None:
        """Create the namespaces that exist from the start, and the `kubernetes`
        Service on the first address of the service range."""
        ns = self.registry.lookup("", "v1", "namespaces")
        assert ns is not None
        for name in SYSTEM_NAMESPACES:
            obj: dict[str, Any] = {
                "apiVersion": "v1",
                "kind": "Namespace",
                "metadata": {
                    "name": name,
                    "uid": objects.new_uid(),
                    "creationTimestamp": objects.now_rfc3339(),
                    "labels": {"kubernetes.io/metadata.name": name},
                },
                "spec": {"finalizers": ["kubernetes"]},
                "status": {"phase": "Active"},
            }
            with contextlib.suppress(KeyExists):
                await self.store.create(ns.key(None, name), objects.storage_bytes(obj))
        svc = self.registry.lookup("", "v1", "services")
        assert svc is not None
        kubernetes: dict[str, Any] = {
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": {
                "name": "kubernetes",
                "namespace": "default",
                "labels": {"component": "apiserver", "provider": "kubernetes"},
            },
            "spec": {
                "clusterIP": self.handlers.services.api_server_ip(),
                "ports": [{"name": "https", "port": 443, "protocol": "TCP", "targetPort": port}],
            },
        }
        with contextlib.suppress(errors.APIError):
            if not await self._exists(svc.key("default", "kubernetes")):
                await self.handlers.create_object(
                    svc, "default", kubernetes, Options(False, "kube-apiserver", "Strict")
                )

    async def _exists(self, key: str) -> bool:
        try:
            await self.store.get(key)
        except NotFound:
            return False
        return True


async def serve(
    config: ServerConfig, stop: asyncio.Event, started: Callable[[int], None] | None = None
) -> None:
    """Run the control plane until `stop` is set."""
    config.data_dir.mkdir(parents=True, exist_ok=True)
    pki = PKI(config.data_dir)
    hosts = (
        [config.bind, *config.advertise]
        if config.bind not in ("0.0.0.0", "::")
        else list(config.advertise)
    )
    pki.ensure(hosts)
    store = await open_store(config.resolved_store_url())
    try:
        registry = Registry()
        openapi = build_openapi(registry)
        host = config.bind if config.bind not in ("0.0.0.0", "::") else "127.0.0.1"
        server = APIServer(
            store, registry, openapi, pki.tokens(), f"{host}:{config.port}", config.service_cidr
        )
        await server.bootstrap(config.port or 6443)
        await server.cache.start_revision()
        runner = web.AppRunner(
            server.app,
            access_log=None,
            handle_signals=False,
            shutdown_timeout=2.0,
            max_line_size=MAX_HEADER_BYTES,
            max_field_size=MAX_HEADER_BYTES,
            logger=http_log,
        )
        await runner.setup()
        site = web.TCPSite(
            runner,
            config.bind,
            config.port,
            ssl_context=pki.server_ssl_context(),
            reuse_address=True,
        )
        await site.start()
        port = config.port
        if port == 0 and site._server is not None:
            sockets = getattr(site._server, "sockets", None) or []
            port = sockets[0].getsockname()[1]
        url_host = f"[{host}]" if ":" in host else host
        pki.write_kubeconfig(f"https://{url_host}:{port}")
        try:
            async with asyncio.TaskGroup() as tg:
                cache_task = tg.create_task(server.cache.run(), name="watch-cache")
                server.ready.set()
                if started:
                    started(port)
                log.info("serving on https://%s:%d", url_host, port)
                await stop.wait()
                cache_task.cancel()
        finally:
            server.cache.close()
            await runner.cleanup()
    finally:
        await store.close()
