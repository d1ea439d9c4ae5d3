// Regenerates src/api/schema.d.ts, the dashboard's types of the REST API, from the backend's
// OpenAPI document: `npm run gen:api` (or `make api-types` from the repository root).
//
// No server is started and no secret or database is needed: Python builds the FastAPI app with
// throw-away settings and prints `app.openapi()`; openapi-typescript turns it into TypeScript.
// The backend is imported from this checkout (../backend), whatever the virtualenv has installed.
// tests/test_openapi_types.py runs this script into a temporary file and fails when the committed
// file differs, so a changed API cannot go unnoticed by the dashboard.
//
//   node scripts/gen-api.mjs [--out FILE] [--openapi FILE]
//     --out FILE      where to write the TypeScript (default src/api/schema.d.ts)
//     --openapi FILE  also keep the OpenAPI document there (JSON)
//   PYTHON=...        the interpreter with Webmon's dependencies (default ../.venv/bin/python, else python3)
import { execFileSync } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { delimiter, dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import openapiTS, { astToString } from 'openapi-typescript'

const here = dirname(fileURLToPath(import.meta.url))
const frontend = resolve(here, '..')
const root = resolve(frontend, '..')
const backend = resolve(root, 'backend')

const { values: args } = parseArgs({
  options: { out: { type: 'string' }, openapi: { type: 'string' } },
})
const out = resolve(args.out ?? resolve(frontend, 'src/api/schema.d.ts'))

// The document must not depend on whoever runs this: no WEBMON_* variable, no .env file.
const DUMP = `
import json, os
for name in [n for n in os.environ if n.startswith("WEBMON_")]:
    del os.environ[name]
from webmon.app import create_app
from webmon.config import Settings
settings = Settings(_env_file=None, database_url="sqlite+aiosqlite:///:memory:", secret_key="x" * 40)
print(json.dumps(create_app(settings).openapi(), indent=2))
`

function python() {
  if (process.env.PYTHON) return process.env.PYTHON
  const venv = resolve(root, '.venv/bin/python')
  return existsSync(venv) ? venv : 'python3'
}

const env = { ...process.env }
env.PYTHONPATH = [backend, process.env.PYTHONPATH].filter(Boolean).join(delimiter)
const text = execFileSync(python(), ['-c', DUMP], { cwd: root, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
const document = JSON.parse(text)
if (args.openapi) writeFileSync(resolve(args.openapi), text)

const HEADER = `// Generated from the backend's OpenAPI document by scripts/gen-api.mjs (openapi-typescript).
// Do not edit: run \`npm run gen:api\` after changing the API. src/api/types.ts names what the
// dashboard uses.
`
const ast = await openapiTS(document, { silent: true, defaultNonNullable: false })
writeFileSync(out, HEADER + '\n' + astToString(ast))
console.log(`wrote ${out}`)
