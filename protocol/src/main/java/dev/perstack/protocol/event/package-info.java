/**
 * Perstack's events with their exact {@code type} names: {@link
 * dev.perstack.protocol.event.ExpertStateEvent} (17), {@link
 * dev.perstack.protocol.event.StreamingEvent} (6) and {@link
 * dev.perstack.protocol.event.RuntimeEvent} (8). Each record carries its wire name as {@code TYPE}.
 */
package dev.perstack.protocol.event;
