"""The server's own PKI: a cluster CA, a serving certificate, an admin client
certificate, the admin kubeconfig and the node token, made on first start in
the data directory and reused after.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
import ipaddress
import json
import os
import secrets
import ssl
from dataclasses import dataclass
from pathlib import Path

import yaml
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

ADMIN_USER = "admin"
ADMIN_GROUP = "system:masters"
_VALIDITY = datetime.timedelta(days=3650)


def _key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def _key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def _cert_pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def _name(cn: str, org: str | None = None) -> x509.Name:
    attrs = [x509.NameAttribute(NameOID.COMMON_NAME, cn)]
    if org:
        attrs.insert(0, x509.NameAttribute(NameOID.ORGANIZATION_NAME, org))
    return x509.Name(attrs)


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=5)


def _make_ca() -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = _key()
    name = _name("minikube-py-ca")
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(_now())
        .not_valid_after(_now() + _VALIDITY)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, False, False, False, False, True, True, False, False), critical=True
        )
        .sign(key, hashes.SHA256())
    )
    return key, cert


def _issue(
    ca_key: ec.EllipticCurvePrivateKey,
    ca_cert: x509.Certificate,
    subject: x509.Name,
    *,
    server_names: list[str] | None = None,
    client: bool = False,
) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = _key()
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(_now())
        .not_valid_after(_now() + _VALIDITY)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
    )
    usage = [ExtendedKeyUsageOID.CLIENT_AUTH] if client else [ExtendedKeyUsageOID.SERVER_AUTH]
    builder = builder.add_extension(x509.ExtendedKeyUsage(usage), critical=False)
    if server_names:
        sans: list[x509.GeneralName] = []
        for n in server_names:
            try:
                sans.append(x509.IPAddress(ipaddress.ip_address(n)))
            except ValueError:
                sans.append(x509.DNSName(n))
        builder = builder.add_extension(x509.SubjectAlternativeName(sans), critical=False)
    return key, builder.sign(ca_key, hashes.SHA256())


@dataclass
class PKI:
    """Paths of the server's credentials inside the data directory."""

    data_dir: Path

    @property
    def ca_cert(self) -> Path:
        return self.data_dir / "pki" / "ca.crt"

    @property
    def ca_key(self) -> Path:
        return self.data_dir / "pki" / "ca.key"

    @property
    def server_cert(self) -> Path:
        return self.data_dir / "pki" / "server.crt"

    @property
    def server_key(self) -> Path:
        return self.data_dir / "pki" / "server.key"

    @property
    def admin_cert(self) -> Path:
        return self.data_dir / "pki" / "admin.crt"

    @property
    def admin_key(self) -> Path:
        return self.data_dir / "pki" / "admin.key"

    @property
    def signing_key(self) -> Path:
        return self.data_dir / "pki" / "token-signing.key"

    @property
    def node_token(self) -> Path:
        return self.data_dir / "node-token"

    @property
    def kubeconfig(self) -> Path:
        return self.data_dir / "kubeconfig"

    def ensure(self, hosts: list[str]) -> None:
        """Create whatever credentials are missing (idempotent)."""
        (self.data_dir / "pki").mkdir(parents=True, exist_ok=True, mode=0o700)
        if not self.ca_cert.exists():
            key, cert = _make_ca()
            _write(self.ca_key, _key_pem(key), 0o600)
            _write(self.ca_cert, _cert_pem(cert), 0o644)
            for stale in (self.server_cert, self.admin_cert):
                stale.unlink(missing_ok=True)
        ca_key = serialization.load_pem_private_key(self.ca_key.read_bytes(), None)
        assert isinstance(ca_key, ec.EllipticCurvePrivateKey)
        ca_cert = x509.load_pem_x509_certificate(self.ca_cert.read_bytes())
        names = sorted({"127.0.0.1", "localhost", "::1", *hosts})
        if not self.server_cert.exists() or _sans(self.server_cert) != set(names):
            key, cert = _issue(ca_key, ca_cert, _name("minikube-py-apiserver"), server_names=names)
            _write(self.server_key, _key_pem(key), 0o600)
            _write(self.server_cert, _cert_pem(cert), 0o644)
        if not self.admin_cert.exists():
            key, cert = _issue(ca_key, ca_cert, _name(ADMIN_USER, ADMIN_GROUP), client=True)
            _write(self.admin_key, _key_pem(key), 0o600)
            _write(self.admin_cert, _cert_pem(cert), 0o644)
        if not self.signing_key.exists():
            _write(self.signing_key, secrets.token_bytes(32), 0o600)
        if not self.node_token.exists():
            _write(self.node_token, (secrets.token_hex(24) + "\n").encode(), 0o600)

    def write_kubeconfig(self, server_url: str) -> None:
        def b64(p: Path) -> str:
            return base64.b64encode(p.read_bytes()).decode()

        config = {
            "apiVersion": "v1",
            "kind": "Config",
            "clusters": [
                {
                    "name": "minikube-py",
                    "cluster": {
                        "server": server_url,
                        "certificate-authority-data": b64(self.ca_cert),
                    },
                }
            ],
            "users": [
                {
                    "name": "minikube-py-admin",
                    "user": {
                        "client-certificate-data": b64(self.admin_cert),
                        "client-key-data": b64(self.admin_key),
                    },
                }
            ],
            "contexts": [
                {
                    "name": "minikube-py",
                    "context": {"cluster": "minikube-py", "user": "minikube-py-admin"},
                }
            ],
            "current-context": "minikube-py",
            "preferences": {},
        }
        _write(self.kubeconfig, yaml.safe_dump(config, sort_keys=False).encode(), 0o600)

    def server_ssl_context(self) -> ssl.SSLContext:
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(self.server_cert, self.server_key)
        ctx.load_verify_locations(cafile=str(self.ca_cert))
        ctx.verify_mode = ssl.CERT_OPTIONAL  # a client may also come with a bearer token
        return ctx

    def tokens(self) -> TokenSigner:
        return TokenSigner(self.signing_key.read_bytes(), self.node_token.read_text().strip())


def _sans(cert_path: Path) -> set[str]:
    cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    try:
        ext = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return set()
    out = {str(ip) for ip in ext.get_values_for_type(x509.IPAddress)}
    out.update(ext.get_values_for_type(x509.DNSName))
    return out


def _write(path: Path, data: bytes, mode: int) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


@dataclass(frozen=True)
class Identity:
    user: str
    groups: tuple[str, ...]


class TokenSigner:
    """Issues and checks bearer tokens: HMAC-signed claims (service account
    tokens from the TokenRequest API) and the cluster's node token."""

    def __init__(self, key: bytes, node_token: str) -> None:
        self._key = key
        self.node_token = node_token

    def issue(
        self, user: str, groups: list[str], expires: int, extra: dict[str, object] | None = None
    ) -> str:
        claims = {"sub": user, "groups": groups, "exp": expires, **(extra or {})}
        body = base64.urlsafe_b64encode(json.dumps(claims, separators=(",", ":")).encode()).rstrip(
            b"="
        )
        sig = base64.urlsafe_b64encode(hmac.new(self._key, body, hashlib.sha256).digest()).rstrip(
            b"="
        )
        header = base64.urlsafe_b64encode(b'{"alg":"HS256","typ":"JWT"}').rstrip(b"=")
        return b".".join((header, body, sig)).decode()

    def verify(self, token: str, now: float) -> Identity | None:
        if hmac.compare_digest(token, self.node_token):
            return Identity("system:node-agent", ("system:nodes", "system:authenticated"))
        parts = token.encode().split(b".")
        if len(parts) != 3:
            return None
        expected = base64.urlsafe_b64encode(
            hmac.new(self._key, parts[1], hashlib.sha256).digest()
        ).rstrip(b"=")
        if not hmac.compare_digest(expected, parts[2]):
            return None
        try:
            claims = json.loads(base64.urlsafe_b64decode(parts[1] + b"=" * (-len(parts[1]) % 4)))
        except ValueError:
            return None
        if not isinstance(claims, dict) or float(claims.get("exp", 0)) < now:
            return None
        groups = (*(str(g) for g in claims.get("groups", ())), "system:authenticated")
        return Identity(str(claims.get("sub", "")), groups)
