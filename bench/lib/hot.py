"""Where the time goes: summarises a JFR recording's execution samples by the package of the
top frame (self time) and by the first project frame on the stack. Usage: hot.py FILE.jfr"""
import collections, re, subprocess, sys

text = subprocess.run(["jfr", "print", "--stack-depth", "64", "--events", "jdk.ExecutionSample", sys.argv[1]],
                      capture_output=True, text=True, check=True).stdout
GROUPS = [("org.wangge", "wangge"), ("graphql.", "graphql-java"), ("io.smallrye.graphql", "SmallRye GraphQL"),
          ("io.vertx.pgclient", "PostgreSQL client"), ("io.vertx.sqlclient", "PostgreSQL client"),
          ("org.jose4j", "token validation"), ("io.quarkus.oidc", "token validation"), ("io.smallrye.jwt", "token validation"),
          ("io.netty", "Netty I/O"), ("io.vertx", "Vert.x"), ("com.fasterxml.jackson", "JSON"), ("org.eclipse.parsson", "JSON"),
          ("io.smallrye.mutiny", "Mutiny"), ("io.quarkus", "Quarkus"), ("org.hibernate", "Hibernate"),
          ("java.", "JDK"), ("jdk.", "JDK"), ("sun.", "JDK")]

def group(frame):
    for prefix, name in GROUPS:
        if frame.startswith(prefix):
            return name
    return "other"

self_time, inclusive, total = collections.Counter(), collections.Counter(), 0
for event in text.split("jdk.ExecutionSample")[1:]:
    frames = re.findall(r"^\s+([\w$.<>]+)\(", event, re.M)
    if not frames:
        continue
    total += 1
    self_time[group(frames[0])] += 1
    for name in {group(f) for f in frames}:
        inclusive[name] += 1
if total == 0:
    print("no samples")
    sys.exit()
print("samples: %d" % total)
print("self time by top frame: " + ", ".join("%s %d%%" % (k, 100 * v // total) for k, v in self_time.most_common(8)))
print("on the stack: " + ", ".join("%s %d%%" % (k, 100 * v // total) for k, v in inclusive.most_common(8)))
