/**
 * The {@code perstack} command line (picocli). Light commands such as {@code validate} and {@code
 * schema} start no framework, so they answer in a fraction of a second.
 */
package dev.perstack.cli;
