/**
 * Terraform plans as `terraform show -json` prints them (Terraform 1.x, plan format 1.2): `planned_values`
 * without the values known only after apply, `resource_changes` with `after` and `after_unknown`, the
 * `configuration` with each resource's expressions, and Go's JSON encoding (`<`, `>`, `&` written as
 * `\u003c`, `\u003e`, `\u0026`). `pretty` is the same plan through `jq .` (two-space indentation).
 */

export interface TfResource {
  address: string;
  type: string;
  /** Known planned values (unknown ones are left out, as Terraform leaves them out). */
  values: Record<string, unknown>;
  /** `after_unknown`: attribute → true for values known only after apply. */
  unknown?: Record<string, unknown>;
  mode?: 'managed' | 'data';
  /** The attributes the configuration sets (default: every key of values and unknown). */
  configured?: string[];
  /** Planned action (default `create`); a `delete` has no planned values. */
  action?: 'create' | 'update' | 'delete' | 'read';
}

const PROVIDER = 'registry.terraform.io/hashicorp/aws';

function nameOf(address: string): string {
  return address
    .split('.')
    .at(-1)!
    .replace(/\[.*\]$/, '');
}

/** What every resource entry of a plan starts with. */
function header(r: TfResource) {
  return { address: r.address, mode: r.mode ?? 'managed', type: r.type, name: nameOf(r.address), provider_name: PROVIDER };
}

function planned(r: TfResource) {
  return {
    ...header(r),
    schema_version: 0,
    values: r.values,
    sensitive_values: {},
  };
}

function change(r: TfResource) {
  const deleted = r.action === 'delete';
  return {
    ...header(r),
    change: {
      actions: [r.action ?? 'create'],
      before: deleted ? r.values : null,
      after: deleted ? null : r.values,
      after_unknown: deleted ? false : { ...(r.mode === 'data' ? {} : { arn: true, id: true }), ...r.unknown },
      before_sensitive: false,
      after_sensitive: deleted ? false : {},
    },
  };
}

/** A plan of the resources (`module.x.` addresses go into child modules); `prior` is deployed state, never read. */
export function planObject(resources: TfResource[], prior?: TfResource[]): object {
  const inModule = (r: TfResource) => /^module\.([^.]+)\./.exec(r.address)?.[1];
  const live = resources.filter((r) => r.action !== 'delete');
  const modules = [...new Set(live.flatMap((r) => inModule(r) ?? []))];
  const configResource = (r: TfResource) => ({
    address: r.address.replace(/^module\.[^.]+\./, '').replace(/\[.*\]$/, ''),
    mode: r.mode ?? 'managed',
    type: r.type,
    name: nameOf(r.address),
    provider_config_key: 'aws',
    expressions: Object.fromEntries((r.configured ?? [...Object.keys(r.values), ...Object.keys(r.unknown ?? {})]).map((k) => [k, { references: [] }])),
    schema_version: 0,
  });
  return {
    format_version: '1.2',
    terraform_version: '1.9.8',
    planned_values: {
      root_module: {
        resources: live.filter((r) => !inModule(r)).map(planned),
        ...(modules.length
          ? { child_modules: modules.map((m) => ({ address: `module.${m}`, resources: live.filter((r) => inModule(r) === m).map(planned) })) }
          : {}),
      },
    },
    resource_changes: resources.map(change),
    ...(prior ? { prior_state: { format_version: '1.0', terraform_version: '1.9.8', values: { root_module: { resources: prior.map(planned) } } } } : {}),
    configuration: {
      provider_config: { aws: { name: 'aws', full_name: PROVIDER } },
      root_module: {
        resources: resources.filter((r) => !inModule(r)).map(configResource),
        ...(modules.length
          ? {
              module_calls: Object.fromEntries(
                modules.map((m) => [m, { source: `./modules/${m}`, module: { resources: resources.filter((r) => inModule(r) === m).map(configResource) } }]),
              ),
            }
          : {}),
      },
    },
    timestamp: '2026-01-01T00:00:00Z',
    applyable: true,
    complete: true,
    errored: false,
  };
}

/** Go's encoding/json escapes these three (HTML safety), and so does every plan Terraform prints. */
function goEscapes(json: string): string {
  return json.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/** The plan as `terraform show -json` prints it: one line. */
export function minified(resources: TfResource[], prior?: TfResource[]): string {
  return goEscapes(JSON.stringify(planObject(resources, prior))) + '\n';
}

/** The plan through `jq .`: two-space indentation. */
export function pretty(resources: TfResource[], prior?: TfResource[]): string {
  return goEscapes(JSON.stringify(planObject(resources, prior), null, 2)) + '\n';
}
