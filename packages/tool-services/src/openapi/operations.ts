import { serviceToolName, type ToolServiceTool } from '@conduct/core';
import { isObject, type JsonObject, resolveRefs } from './resolve-refs.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/** Where one argument of an operation goes in the HTTP request. */
export type ArgumentPlace = 'path' | 'query' | 'header' | 'body-field' | 'body';

/** One operation of the document, ready to be offered as a tool and called. */
export interface Operation {
  tool: ToolServiceTool;
  method: string;
  /** The path template, e.g. `/orders/{order_id}`. */
  path: string;
  /** Argument name → where it goes. */
  places: Map<string, ArgumentPlace>;
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: JsonObject;
}

function parametersOf(document: JsonObject, ...lists: unknown[]): Parameter[] {
  const byKey = new Map<string, Parameter>();
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const parameter = resolveRefs(document, raw) as Parameter;
      // Operation-level parameters override path-level ones with the same name and place.
      if (isObject(parameter) && typeof parameter.name === 'string') {
        byKey.set(`${parameter.in}:${parameter.name}`, parameter);
      }
    }
  }
  return [...byKey.values()].filter((parameter) => parameter.in !== 'cookie');
}

function jsonBodyOf(document: JsonObject, operation: JsonObject) {
  const body = resolveRefs(document, operation.requestBody);
  if (!isObject(body) || !isObject(body.content)) return undefined;
  const entry = Object.entries(body.content).find(([type]) => /json/i.test(type));
  if (!entry || !isObject(entry[1]) || !isObject(entry[1].schema)) return undefined;
  return { schema: entry[1].schema, required: body.required === true };
}

/** Builds the tool of one operation: path, query and header parameters, then the JSON body. */
function toOperation(
  document: JsonObject,
  method: string,
  path: string,
  pathItem: JsonObject,
): Operation {
  const operation = pathItem[method] as JsonObject;
  const properties: JsonObject = {};
  const required: string[] = [];
  const places = new Map<string, ArgumentPlace>();
  for (const parameter of parametersOf(document, pathItem.parameters, operation.parameters)) {
    properties[parameter.name] = {
      ...(parameter.schema ?? {}),
      ...(parameter.description === undefined ? {} : { description: parameter.description }),
    };
    places.set(parameter.name, parameter.in as ArgumentPlace);
    if (parameter.required === true || parameter.in === 'path') required.push(parameter.name);
  }
  const body = jsonBodyOf(document, operation);
  const bodyProperties = body && isObject(body.schema.properties) ? body.schema.properties : null;
  const flatten =
    body !== undefined &&
    bodyProperties !== null &&
    Object.keys(bodyProperties).every((key) => !places.has(key));
  if (body && flatten && bodyProperties) {
    // An object body is offered as its fields, which is how a model naturally fills it in.
    const bodyRequired = Array.isArray(body.schema.required) ? body.schema.required : [];
    for (const [key, schema] of Object.entries(bodyProperties)) {
      properties[key] = schema;
      places.set(key, 'body-field');
      if (bodyRequired.includes(key)) required.push(key);
    }
  } else if (body) {
    properties.body = body.schema;
    places.set('body', 'body');
    if (body.required) required.push('body');
  }
  const fallbackName = `${method}_${path}`;
  const name = serviceToolName(
    typeof operation.operationId === 'string' ? operation.operationId : fallbackName,
  );
  const description = [operation.summary, operation.description]
    .filter((text): text is string => typeof text === 'string' && text.trim() !== '')
    .join('\n');
  return {
    tool: {
      name,
      description: description || `${method.toUpperCase()} ${path}`,
      inputSchema: {
        type: 'object',
        properties,
        ...(required.length > 0 ? { required } : {}),
      },
      consequential: !['get', 'head', 'options'].includes(method),
    },
    method,
    path,
    places,
  };
}

/** Every operation of an OpenAPI 3 document, with local `$ref`s resolved. */
export function operationsOf(document: JsonObject): Operation[] {
  const paths = isObject(document.paths) ? document.paths : {};
  const operations: Operation[] = [];
  for (const [path, rawItem] of Object.entries(paths)) {
    const pathItem = resolveRefs(document, rawItem);
    if (!isObject(pathItem)) continue;
    for (const method of METHODS) {
      if (isObject(pathItem[method]))
        operations.push(toOperation(document, method, path, pathItem));
    }
  }
  return operations;
}
