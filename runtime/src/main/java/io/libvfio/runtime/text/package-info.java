/**
 * Text helpers shared by the command line and the runtime: "did you mean" suggestions for
 * unknown names (commands, options, configuration keys).
 */
package io.libvfio.runtime.text;
