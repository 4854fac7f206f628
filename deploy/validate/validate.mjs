#!/usr/bin/env node
// Validates rendered Kubernetes manifests (kubectl kustomize output) object by object:
//  - built-in kinds against the official Kubernetes API schemas: kubernetes-models (validators compiled from the
//    Kubernetes OpenAPI document: types, required fields, enums, formats) plus a strict pass that refuses any field
//    the API does not define (field names from @kubernetes/client-node, generated from the same OpenAPI document),
//    as the API server's strict field validation would;
//  - custom resources against the openAPIV3Schema of their CustomResourceDefinition in crds/ (and in
//    BAZAAR_EXTRA_CRDS, a file or folder of CRDs), made strict the same way (no unknown field unless the schema
//    preserves unknown fields), their metadata against the Kubernetes ObjectMeta schema;
//  - kinds whose CRD schema cannot be had here (METADATA_ONLY) by their metadata only, and said so in the summary;
//  - anything else fails: no object goes unvalidated without being named.
// Usage: node validate.mjs <manifests.yaml>...   Exit status 0 when every object is valid, 1 otherwise.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
// the generated model classes only (the client itself needs a newer Node.js than this build has)
import * as clientNode from '@kubernetes/client-node/dist/gen/models/all.js';
import { ObjectMeta } from '@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta';

const here = dirname(fileURLToPath(import.meta.url));

// CloudNativePG publishes its CRDs only with its operator release (not in any registry this build can reach);
// pass them in BAZAAR_EXTRA_CRDS (e.g. `kubectl get crd clusters.postgresql.cnpg.io -o yaml`) to validate these too.
const METADATA_ONLY = new Map([
  ['postgresql.cnpg.io/v1', new Set(['Cluster', 'ScheduledBackup'])],
  ['barmancloud.cnpg.io/v1', new Set(['ObjectStore'])],
]);

function loadYamlDocuments(file) {
  const documents = parseAllDocuments(readFileSync(file, 'utf8'));
  const objects = [];
  for (const document of documents) {
    if (document.errors.length > 0) {
      throw new Error(`${file}: ${document.errors.map((e) => e.message).join('; ')}`);
    }
    const value = document.toJS();
    if (value !== null && value !== undefined) {
      objects.push(value);
    }
  }
  return objects;
}

function crdFiles(path) {
  if (!existsSync(path)) {
    return [];
  }
  if (statSync(path).isFile()) {
    return [path];
  }
  return readdirSync(path, { recursive: true })
    .map((name) => join(path, String(name)))
    .filter((file) => /\.ya?ml$/.test(file) && statSync(file).isFile());
}

// --- CRD schemas -> JSON Schema for Ajv, strict like the API server's pruning would be -----------------------------

const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions']);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf']);
const SCHEMA_ONE = new Set(['items', 'additionalProperties', 'not']);

function strictSchema(node) {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) {
    return node;
  }
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'description' || key.startsWith('x-kubernetes-') || key === 'nullable' || key === 'default'
        || key === 'example' || key === 'externalDocs') {
      continue;
    }
    if (SCHEMA_MAPS.has(key)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, strictSchema(schema)]));
    } else if (SCHEMA_LISTS.has(key)) {
      out[key] = value.map(strictSchema);
    } else if (SCHEMA_ONE.has(key)) {
      out[key] = typeof value === 'object' ? strictSchema(value) : value;
    } else {
      out[key] = value;
    }
  }
  if (node['x-kubernetes-int-or-string'] === true) {
    delete out.type;
    if (!out.anyOf && !out.oneOf) {
      out.type = ['integer', 'string'];
    }
  }
  if (node.nullable === true && out.type) {
    out.type = [].concat(out.type, 'null');
  }
  const preservesUnknown = node['x-kubernetes-preserve-unknown-fields'] === true;
  if (out.type === 'object' && out.properties && out.additionalProperties === undefined && !preservesUnknown) {
    out.additionalProperties = false;
  }
  return out;
}

function newAjv() {
  const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false });
  addFormats(ajv);
  for (const format of ['int32', 'int64', 'float', 'double', 'byte', 'quantity']) {
    ajv.addFormat(format, true);
  }
  return ajv;
}

function loadCrds(paths) {
  const ajv = newAjv();
  const validators = new Map(); // "group/version Kind" -> validate function
  const sources = new Map();
  for (const file of paths.flatMap(crdFiles)) {
    for (const crd of loadYamlDocuments(file)) {
      if (crd.kind !== 'CustomResourceDefinition') {
        continue;
      }
      for (const version of crd.spec.versions) {
        const key = `${crd.spec.group}/${version.name} ${crd.spec.names.kind}`;
        validators.set(key, ajv.compile(strictSchema(version.schema.openAPIV3Schema)));
        sources.set(key, file);
      }
    }
  }
  return { validators, sources };
}

// --- built-in kinds -----------------------------------------------------------------------------------------------

const builtInModels = new Map();

async function builtInModel(apiVersion, kind) {
  const key = `${apiVersion} ${kind}`;
  if (!builtInModels.has(key)) {
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : [null, apiVersion];
    const module = group ? `kubernetes-models/${group}/${version}/${kind}` : `kubernetes-models/${version}/${kind}`;
    let model = null;
    try {
      model = (await import(module))[kind] ?? null;
    } catch {
      model = null;
    }
    builtInModels.set(key, model);
  }
  return builtInModels.get(key);
}

function schemaErrors(error) {
  const details = error?.errors ?? error?.details;
  if (Array.isArray(details)) {
    return details.map((e) => `${e.instancePath || '/'} ${e.message}${e.params?.allowedValues ? ` (${e.params.allowedValues.join(', ')})` : ''}`);
  }
  return [String(error?.message ?? error)];
}

// The field names of every Kubernetes API type, from @kubernetes/client-node (V1Deployment, V1Container, ...).
function clientNodeType(apiVersion, kind) {
  const version = apiVersion.split('/').pop();
  return `${version.charAt(0).toUpperCase()}${version.slice(1)}${kind}`;
}

function unknownFields(value, type, path, errors) {
  if (value === null || value === undefined || type === 'any' || type === 'object') {
    return;
  }
  const array = /^Array<(.+)>$/.exec(type);
  if (array) {
    if (Array.isArray(value)) {
      value.forEach((item, i) => unknownFields(item, array[1], `${path}/${i}`, errors));
    }
    return;
  }
  const map = /^\{\s*\[key: string\]: (.+?);?\s*\}$/.exec(type);
  if (map) {
    if (typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, item] of Object.entries(value)) {
        unknownFields(item, map[1], `${path}/${key}`, errors);
      }
    }
    return;
  }
  const model = clientNode[type];
  if (typeof model?.getAttributeTypeMap !== 'function' || typeof value !== 'object' || Array.isArray(value)) {
    return; // a primitive, or a shape the schema pass reports
  }
  const fields = new Map(model.getAttributeTypeMap().map((attribute) => [attribute.baseName, attribute.type]));
  for (const [key, item] of Object.entries(value)) {
    if (!fields.has(key)) {
      errors.push(`${path}/${key} is not a field of ${type}`);
    } else {
      unknownFields(item, fields.get(key), `${path}/${key}`, errors);
    }
  }
}

function metadataErrors(metadata) {
  const errors = [];
  try {
    new ObjectMeta(metadata ?? {}).validate();
  } catch (error) {
    errors.push(...schemaErrors(error).map((message) => `/metadata${message}`));
  }
  unknownFields(metadata, 'V1ObjectMeta', '/metadata', errors);
  if (!metadata?.name) {
    errors.push('/metadata/name is required');
  }
  return errors;
}

// --- main ---------------------------------------------------------------------------------------------------------

async function main(files) {
  if (files.length === 0) {
    console.error('usage: node validate.mjs <manifests.yaml>...');
    return 2;
  }
  const crdPaths = [join(here, 'crds'), ...(process.env.BAZAAR_EXTRA_CRDS ?? '').split(':').filter(Boolean)];
  const crds = loadCrds(crdPaths);
  const counts = { api: 0, crd: 0, metadataOnly: new Map() };
  let failures = 0;
  for (const file of files) {
    const seen = new Set();
    for (const object of loadYamlDocuments(file)) {
      const { apiVersion, kind } = object;
      const name = `${kind ?? '?'}/${object?.metadata?.name ?? '?'}`;
      const errors = [];
      const identity = `${apiVersion} ${kind} ${object?.metadata?.namespace ?? ''}/${object?.metadata?.name}`;
      if (seen.has(identity)) {
        errors.push('appears twice');
      }
      seen.add(identity);
      if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
        errors.push('has no apiVersion or kind');
      } else {
        const model = await builtInModel(apiVersion, kind);
        const crd = crds.validators.get(`${apiVersion} ${kind}`);
        if (model) {
          try {
            new model(object).validate();
          } catch (error) {
            errors.push(...schemaErrors(error));
          }
          const type = clientNodeType(apiVersion, kind);
          if (typeof clientNode[type]?.getAttributeTypeMap !== 'function') {
            errors.push(`no field list for ${type} in @kubernetes/client-node`);
          } else {
            unknownFields(object, type, '', errors);
          }
          counts.api++;
        } else if (crd) {
          if (!crd(object)) {
            errors.push(...crd.errors.map((e) => `${e.instancePath || '/'} ${e.message}${e.params?.additionalProperty ? `: ${e.params.additionalProperty}` : ''}${e.params?.allowedValues ? ` (${e.params.allowedValues.join(', ')})` : ''}`));
          }
          errors.push(...metadataErrors(object.metadata));
          counts.crd++;
        } else if (METADATA_ONLY.get(apiVersion)?.has(kind)) {
          errors.push(...metadataErrors(object.metadata));
          counts.metadataOnly.set(`${apiVersion} ${kind}`, (counts.metadataOnly.get(`${apiVersion} ${kind}`) ?? 0) + 1);
        } else {
          errors.push(`no schema for ${apiVersion} ${kind}: add its CRD to crds/ (or BAZAAR_EXTRA_CRDS)`);
        }
      }
      for (const error of [...new Set(errors)]) {
        console.log(`INVALID ${file} ${name}: ${error}`);
      }
      failures += errors.length > 0 ? 1 : 0;
    }
  }
  const metadataOnly = [...counts.metadataOnly].map(([kind, n]) => `${n} ${kind}`).join(', ');
  console.log(`${counts.api} objects checked against the Kubernetes API schemas, ${counts.crd} against CRD schemas`
      + `${metadataOnly ? `, metadata only (no CRD schema available): ${metadataOnly}` : ''}; ${failures} invalid`);
  return failures === 0 ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
