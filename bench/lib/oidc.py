"""A stand-in OIDC provider for benchmarks: serves a discovery document and the JWKS of the
public dev key (config/dev), so the built application validates tokens as it would Keycloak's."""
import base64, json, subprocess, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port = int(sys.argv[1])
issuer = f"http://127.0.0.1:{port}/realms/wangge"
text = subprocess.run(["openssl", "rsa", "-pubin", "-in", "config/dev/dev-signing-key.pub.pem", "-noout", "-text"],
                      capture_output=True, text=True, check=True).stdout
hexmod = "".join(l.strip() for l in text.split("Modulus:")[1].split("Exponent:")[0].splitlines()).replace(":", "")
exponent = int(text.split("Exponent:")[1].split()[0])
def b64(n):
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
jwks = {"keys": [{"kty": "RSA", "kid": "dev", "use": "sig", "alg": "RS256", "n": b64(int(hexmod, 16)), "e": b64(exponent)}]}
discovery = {"issuer": issuer, "jwks_uri": issuer + "/certs", "authorization_endpoint": issuer + "/auth", "token_endpoint": issuer + "/token"}

class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        body = json.dumps(discovery if self.path.endswith("openid-configuration") else jwks).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass

ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
