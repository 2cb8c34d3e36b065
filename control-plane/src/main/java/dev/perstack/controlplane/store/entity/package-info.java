/**
 * The job store's Hibernate ORM entities, one per table of {@code db/migration}; attached to both
 * persistence units ({@code h2} and {@code postgresql}), of which one is active at runtime.
 */
package dev.perstack.controlplane.store.entity;
