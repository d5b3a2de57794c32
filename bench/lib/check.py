"""Checks a benchmark's request before it is measured: check.py NAME URL [TOKEN] posts
target/bench/NAME.json once and fails (exit 1, the answer on stderr) when the answer is not
HTTP 200, carries GraphQL errors or has no data. Prints the number of objects in the data and the
answer's size in bytes. Objects are the JSON objects of the answer other than the data root,
connections (edges/nodes), edges and page infos: the records a client shows."""
import json, sys, urllib.error, urllib.request

name, url = sys.argv[1], sys.argv[2]
token = sys.argv[3] if len(sys.argv) > 3 else ""
body = open("target/bench/%s.json" % name, "rb").read()
headers = {"Content-Type": "application/json"}
if token:
    headers["Authorization"] = "Bearer " + token
try:
    with urllib.request.urlopen(urllib.request.Request(url, body, headers), timeout=30) as r:
        status, raw = r.status, r.read()
except urllib.error.HTTPError as e:
    status, raw = e.code, e.read()
try:
    answer = json.loads(raw)
except ValueError:
    answer = None
errors = len(answer.get("errors") or []) if isinstance(answer, dict) else -1
data = answer.get("data") if isinstance(answer, dict) else None
if status != 200 or errors != 0 or not data or all(v is None for v in data.values()):
    sys.stderr.write("%s: FAILED at %s: HTTP %d, %d GraphQL errors: %s\n" % (name, url, status, errors, raw[:600].decode("utf-8", "replace")))
    sys.exit(1)

def objects(value):
    if isinstance(value, list):
        return sum(objects(v) for v in value)
    if not isinstance(value, dict):
        return 0
    wrapper = "edges" in value or "nodes" in value or "node" in value or "hasNextPage" in value
    return (0 if wrapper else 1) + sum(objects(v) for v in value.values())

print(sum(objects(v) for v in data.values()), len(raw))
