/** Placeholder entry point; the module is built in this phase (issue 17). */
export {};
