/**
 * The job store's Hibernate ORM entities for the tables of {@code db/migration} it reads and writes
 * through Hibernate (messages go through JDBC only); attached to both persistence units ({@code h2}
 * and {@code postgresql}), of which one is active at runtime.
 */
package dev.perstack.controlplane.store.entity;
