/** The Quarkus service: configuration, bean wiring and the main entry point of the service mode. */
package dev.perstack.controlplane.service;
