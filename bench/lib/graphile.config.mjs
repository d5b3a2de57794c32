// PostGraphile 5 (the Amber preset) for the query benchmarks: bench/queries copies this file next
// to its install in target/bench/postgraphile5 (the imports resolve there) and starts
// `postgraphile -C graphile.config.mjs` with DATABASE_URL and PORT. No authentication: like 4.14.1
// beside it, it serves the whole public schema to every request.
import { makePgService } from "postgraphile/adaptors/pg";
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";

/** @type {GraphileConfig.Preset} */
const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [
    makePgService({
      connectionString: process.env.DATABASE_URL,
      schemas: ["public"],
      // 4.14.1's default pool size, so that both keep as many connections open
      poolConfig: { max: 10 },
    }),
  ],
  grafserv: {
    port: Number(process.env.PORT ?? 18380),
    host: "127.0.0.1",
    graphiql: false,
    watch: false,
  },
  grafast: { explain: false },
};

export default preset;
