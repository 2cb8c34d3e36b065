/**
 * The scripted model server's machinery: the ledger of replies and requests, the HTTP handler, and
 * one renderer per provider wire format. Not for use outside {@code ...testsupport.model}.
 */
package dev.perstack.testsupport.model.internal;
