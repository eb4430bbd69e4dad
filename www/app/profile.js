// @ts-check
// The profile and the declared facts: choosing a built-in profile or
// uploading one (checked by the core before the page switches to it), the
// project type and tier, and the attribute inputs built from the profile's
// `attributes` definitions.
import { el } from '../dom.js';
import { pick } from '../i18n.js';
import { recompute, scheduleReevaluate } from './compute.js';
import { render } from './render.js';
import { detailsNode } from '../problems.js';
import { $, dataCategories, option, problemText, profileCategories, state, t } from './state.js';
import { refreshFacilities } from './whatif.js';

/** Declared-attribute inputs built from the profile's `attributes` definitions. */
export function renderForm() {
  const profileSelect = $('profile-select');
  const opts = state.client?.profiles().map((p) => option(p.id, pick(state.lang, p.name) || p.id, p.id === state.profileId)) ?? [];
  if (state.uploaded) {
    opts.push(option('uploaded', t('uploadedProfile', { name: pick(state.lang, state.uploaded.doc?.name) || state.uploaded.fileName }), state.profileId === 'uploaded'));
  }
  profileSelect.replaceChildren(...opts);

  const box = $('attributes');
  const defs = state.profileDoc?.attributes ?? {};
  const focused = /** @type {HTMLElement | null} */ (document.activeElement)?.dataset?.attribute;
  box.replaceChildren();
  for (const [name, def] of Object.entries(defs)) {
    const id = `attr-${box.children.length}`;
    const value = state.attributes[name];
    /** @type {any} */
    let input;
    if (def?.type === 'boolean') {
      input = el('select', { attrs: { id }, dataset: { attribute: name } },
        option('', t('attrUnknown'), value === undefined),
        option('true', t('yes'), value === true),
        option('false', t('no'), value === false),
      );
    } else {
      input = el('input', {
        attrs: {
          id,
          type: 'number',
          step: 'any',
          inputmode: 'decimal',
          min: typeof def?.min === 'number' ? def.min : null,
          max: typeof def?.max === 'number' ? def.max : null,
          placeholder: t('attrUnknown'),
        },
        dataset: { attribute: name },
      });
      input.value = value === undefined ? '' : String(value);
    }
    const field = el('div', { className: 'field' }, el('label', { attrs: { for: id }, text: pick(state.lang, def?.label) || name }), input);
    if (def?.description) field.append(el('p', { className: 'hint', text: pick(state.lang, def.description) }));
    box.append(field);
    if (focused === name) input.focus();
  }
  $('attributes-fieldset').hidden = !Object.keys(defs).length;
  const err = $('eval-error');
  err.hidden = !state.evalError;
  err.replaceChildren();
  if (state.evalError) {
    const { text, tech } = problemText(state.evalError);
    err.append(el('span', { text }), detailsNode(state.lang, [tech], { key: 'eval' }) ?? '');
  }
}

/**
 * Takes the document of `id` (a built-in id, or 'uploaded') and what it
 * reads, from the core. Rejects when the core has neither.
 * @param {string} id
 */
export async function useProfile(id) {
  const doc = id === 'uploaded' ? state.uploaded.doc : await state.client.profile(id);
  const requirements = await state.client.profileRequirements(id === 'uploaded' ? doc : id);
  state.profileDoc = doc;
  state.requirements = requirements;
}

/** Switches to a built-in profile (by id) or to 'uploaded', and recomputes. @param {string} id */
async function selectProfile(id) {
  state.profileId = id;
  state.attributes = {};
  try {
    await useProfile(id);
  } catch {
    state.profileDoc = id === 'uploaded' ? state.uploaded.doc : null;
    state.requirements = null;
  }
  const present = new Set(dataCategories());
  const first = profileCategories().find((p) => present.has(p.category));
  if (first) {
    state.category = first.category;
    state.tier = first.tier;
  }
  await refreshFacilities();
  await recompute();
}

/** @param {File | undefined} file */
async function uploadProfile(file) {
  if (!file) return;
  let doc;
  try {
    doc = JSON.parse(await file.text());
  } catch (err) {
    state.evalError = { key: 'profileFailed', err: Object.assign(err, { code: 'INVALID_JSON' }) };
    render();
    return;
  }
  // Check it before switching to it.
  try {
    await state.client.evaluatePair(doc, {});
  } catch (err) {
    state.evalError = { key: 'profileFailed', err };
    render();
    return;
  }
  state.uploaded = { fileName: file.name, doc };
  await selectProfile('uploaded');
}

/** The profile picker and upload, project type, tier and the declared facts. */
export function bindProfile() {
  $('profile-select').addEventListener('change', (/** @type {Event & { target: HTMLSelectElement }} */ e) => selectProfile(e.target.value));
  $('profile-file').addEventListener('change', (/** @type {Event & { target: HTMLInputElement }} */ e) => {
    uploadProfile(e.target.files?.[0]);
    e.target.value = '';
  });
  $('project-type').addEventListener('change', (/** @type {Event & { target: HTMLSelectElement }} */ e) => {
    state.projectType = e.target.value || null;
    scheduleReevaluate();
  });
  $('level-tier').addEventListener('change', (/** @type {Event & { target: HTMLSelectElement }} */ e) => {
    state.levelTier = e.target.value || null;
    scheduleReevaluate();
  });
  $('attributes').addEventListener('change', (/** @type {Event & { target: HTMLInputElement | HTMLSelectElement }} */ e) => {
    const name = e.target.dataset?.attribute;
    if (!name) return;
    const def = state.profileDoc?.attributes?.[name];
    const raw = e.target.value;
    if (raw === '') delete state.attributes[name];
    else if (def?.type === 'boolean') state.attributes[name] = raw === 'true';
    else {
      const n = Number(raw);
      if (Number.isFinite(n)) state.attributes[name] = n;
      else delete state.attributes[name];
    }
    scheduleReevaluate();
  });
}
