/** What the build's JSX calls (scripts/build.mjs compiles JSX to `h(type, props, ...children)`, a few
 *  bytes shorter per element than the automatic runtime's `jsx(type, { ...props, children })`). */
export { h, Fragment } from 'preact';
