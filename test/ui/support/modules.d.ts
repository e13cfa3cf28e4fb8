// Plain tsc (the root tsconfig) cannot read .svelte or .css files; Vite compiles them when the tests
// run, and svelte-check checks the components themselves.
declare module '*.svelte' {
  import type { Component } from 'svelte';
  const component: Component<Record<string, unknown>>;
  export default component;
}
declare module '*.css';
