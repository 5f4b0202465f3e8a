/** The built-in probe (Python 3 standard library only; Amazon Linux 2023 ships python3), written to the instance at boot. */
export const PROBE_SOURCE = String.raw`"""tierup's built-in probe: answers the health check and shows which settings reach their targets."""
import json
import os
import socket
import ssl
import subprocess
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TIMEOUT = float(os.environ.get("TIERUP_PROBE_TIMEOUT_SECONDS", "2"))


def settings():
    """The environment, with app.env read afresh (literal KEY=value lines), so a refreshed setting shows at once."""
    env = dict(os.environ)
    path = env.get("TIERUP_ENV_FILE")
    if path and os.path.exists(path):
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                key, sep, value = line.rstrip("\n").partition("=")
                if sep and key:
                    env[key] = value
    return env


def split_hosts(value, default_port):
    """host[:port] entries of a comma-separated setting."""
    hosts = []
    for item in filter(None, (part.strip() for part in value.split(","))):
        host, _, port = item.rpartition(":") if item.count(":") == 1 else (item, "", "")
        hosts.append((host or item, int(port) if port else default_port))
    return hosts


def targets(env):
    """(name, host, port, tls) for every data store the settings name."""
    found = []
    db_port = int(env.get("TIERUP_DATABASE_PORT") or 0)
    for key, name in (("TIERUP_DATABASE_ENDPOINT", "database"), ("TIERUP_DATABASE_PROXY_ENDPOINT", "database-proxy")):
        if env.get(key) and db_port:
            found.append((name, env[key], db_port, name == "database-proxy"))
    for index, (host, port) in enumerate(split_hosts(env.get("TIERUP_DATABASE_READER_ENDPOINTS", ""), db_port)):
        found.append(("database-replica-%d" % index, host, port, False))
    for key in sorted(env):
        parts = key.split("_")
        if len(parts) == 4 and parts[1] == "SHARDS" and parts[3] in ("WRITER", "READERS"):
            for index, (host, port) in enumerate(split_hosts(env[key], db_port)):
                found.append(("shard-%s-%s-%d" % (parts[2], parts[3].lower(), index), host, port, False))
    cache_port = int(env.get("TIERUP_CACHE_PORT") or 0)
    for key, name in (("TIERUP_CACHE_ENDPOINT", "cache"), ("TIERUP_CACHE_READER_ENDPOINT", "cache-reader")):
        if env.get(key) and cache_port:
            found.append((name, env[key], cache_port, True))
    return found


def check(host, port, tls):
    """TCP connect, then a TLS handshake where the store requires TLS."""
    result = {"host": host, "port": port}
    try:
        with socket.create_connection((host, port), timeout=TIMEOUT) as sock:
            result["reachable"] = True
            if tls:
                context = ssl.create_default_context()
                context.check_hostname = False
                context.verify_mode = ssl.CERT_NONE
                try:
                    with context.wrap_socket(sock, server_hostname=host):
                        result["tls"] = True
                except (ssl.SSLError, OSError) as error:
                    result["tls"] = False
                    result["tlsError"] = str(error)
    except OSError as error:
        result["reachable"] = False
        result["error"] = str(error)
    return result


def queues(env):
    """The queues the settings name, with their attributes (never a message)."""
    found = {}
    for key in sorted(env):
        if key.startswith("TIERUP_QUEUES_") and key.endswith("_URL"):
            name = key[len("TIERUP_QUEUES_"):-len("_URL")].lower()
            command = ["aws", "sqs", "get-queue-attributes", "--region", env.get("TIERUP_REGION", ""), "--queue-url", env[key],
                       "--attribute-names", "ApproximateNumberOfMessages", "--output", "json"]
            try:
                done = subprocess.run(command, capture_output=True, text=True, timeout=10, check=False)
                if done.returncode == 0:
                    found[name] = {"url": env[key], "reachable": True, "attributes": json.loads(done.stdout or "{}").get("Attributes", {})}
                else:
                    found[name] = {"url": env[key], "reachable": False, "error": done.stderr.strip()[-300:]}
            except (OSError, subprocess.SubprocessError, ValueError) as error:
                found[name] = {"url": env[key], "reachable": False, "error": str(error)}
    return found


def report():
    """The report GET / answers."""
    env = settings()
    return {
        "blueprint": env.get("TIERUP_BLUEPRINT", ""),
        "level": int(env.get("TIERUP_LEVEL") or 0),
        "region": env.get("TIERUP_REGION", ""),
        "tier": env.get("TIERUP_TIER", ""),
        "app": "tierup built-in probe: name an image or ami in the blueprint to run your own app",
        "dataStores": {name: check(host, port, tls) for name, host, port, tls in targets(env)},
        "queues": queues(env),
    }


class Handler(BaseHTTPRequestHandler):
    """GET health path: 200 "ok"; GET /: the report as JSON; anything else: 404."""

    def do_GET(self):  # noqa: N802 (the name http.server calls)
        path = self.path.split("?", 1)[0]
        if path == os.environ.get("TIERUP_PROBE_HEALTH_PATH", "/health"):
            self.answer(200, "text/plain", b"ok\n")
        elif path == "/":
            self.answer(200, "application/json", json.dumps(report(), indent=2, sort_keys=True).encode() + b"\n")
        else:
            self.answer(404, "text/plain", b"not found\n")

    def answer(self, status, content_type, body):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002 (http.server's signature)
        pass


if __name__ == "__main__":
    ThreadingHTTPServer(("", int(os.environ.get("TIERUP_PROBE_PORT", "8080"))), Handler).serve_forever()
`;
