/**
 * Tiny DOM helpers. Text always goes in through textContent: nothing here (or anywhere in
 * Sightline's scripts) writes data into innerHTML.
 */

/** The first element matching the selector, under root (default: document). */
export function $(selector, root = document) {
  return root.querySelector(selector);
}

/** All elements matching the selector, as an array. */
export function $$(selector, root = document) {
  return Array.from(root.querySelectorAll(selector));
}

/**
 * Creates an element. props: className, text (textContent), title, hidden, attrs {name: value},
 * dataset {key: value}, on {event: handler}. Children: nodes or strings (as text).
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  if (props.className) el.className = props.className;
  if (props.text !== undefined) el.textContent = String(props.text);
  if (props.title) el.title = props.title;
  if (props.hidden) el.hidden = true;
  if (props.attrs) for (const [k, v] of Object.entries(props.attrs)) el.setAttribute(k, String(v));
  if (props.dataset) for (const [k, v] of Object.entries(props.dataset)) el.dataset[k] = String(v);
  if (props.on) for (const [k, v] of Object.entries(props.on)) el.addEventListener(k, v);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return el;
}

/**
 * Parses a server-rendered HTML fragment (from our own endpoints, where Thymeleaf escaped every
 * value) into nodes without executing anything: DOMParser documents are inert, and the CSP would
 * block inline script anyway.
 */
export function parseFragment(html) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const fragment = document.createDocumentFragment();
  for (const node of Array.from(doc.body.childNodes)) fragment.append(document.adoptNode(node));
  return fragment;
}

/**
 * A function that calls fn on the next animation frame, once however often it is called before
 * then (scrolling and resizing fire far more often than a page can draw).
 */
export function onNextFrame(fn) {
  let pending = false;
  return () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      fn();
    });
  };
}

/** Whether the event target is a text field (keyboard shortcuts keep out of those). */
export function isTyping(target) {
  if (!target || !target.tagName) return false;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
}
