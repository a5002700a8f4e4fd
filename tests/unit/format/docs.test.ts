/** docs/format.md and the JSON Schema files stay in step with the registries and schemas. */
import { describe, expect, it } from 'vitest';
import { generateFiles, staleExamples } from '../../../scripts/gen-format-docs';
import { STEP_KINDS } from '../../../src/lib/engine/steps/registry';
import { TRIGGER_KINDS } from '../../../src/lib/engine/triggers/registry';
import { firstDifference } from './diff';
import { readText } from './node';

const HOW = 'regenerate with: node --import tsx scripts/gen-format-docs.ts';

describe('format docs', () => {
	const files = generateFiles(readText('docs/format.md'));

	it.each(Object.keys(files))('%s is up to date', (path) => {
		const diff = firstDifference(readText(path), files[path]);
		if (diff) throw new Error(`${path} is out of date (${HOW})\n${diff}`);
	});

	it('documents every step kind and trigger kind', () => {
		const md = files['docs/format.md'];
		for (const k of [...STEP_KINDS, ...TRIGGER_KINDS]) expect(md).toContain(`#### \`${k.kind}\` — ${k.title}`);
	});

	it('has hand-written examples that match their schemas', () => {
		expect(staleExamples()).toEqual([]);
	});

	it('emits JSON Schemas with named building blocks', () => {
		const schema = JSON.parse(files['docs/schema/scenario.schema.json']);
		expect(schema.title).toBe('Journey Studio scenario file, version 1');
		expect(Object.keys(schema.$defs)).toEqual(expect.arrayContaining(['Condition', 'Duration', 'Id']));
		expect(schema.properties.format.const).toBe('journey-studio/scenario');
	});
});
