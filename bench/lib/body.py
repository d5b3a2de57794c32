"""Writes a GraphQL request body as a client sends it: body.py OUT DOCUMENT [VARIABLES_JSON]
writes target/bench/OUT.json (OUT "-": prints it) with the document of
bench/documents/DOCUMENT.graphql (comment lines dropped, as clients' compilers do), its
operationName and the variables."""
import json, re, sys

out, document = sys.argv[1], sys.argv[2]
variables = json.loads(sys.argv[3]) if len(sys.argv) > 3 else {}
text = "\n".join(line for line in open("bench/documents/%s.graphql" % document, encoding="utf-8").read().splitlines()
                 if not line.lstrip().startswith("#")).strip() + "\n"
name = re.search(r"^\s*(?:query|mutation)\s+(\w+)", text, re.M)
body = {"operationName": name.group(1) if name else None, "query": text, "variables": variables}
if out == "-":
    print(json.dumps(body, ensure_ascii=False))
else:
    with open("target/bench/%s.json" % out, "w", encoding="utf-8") as f:
        json.dump(body, f, ensure_ascii=False)
