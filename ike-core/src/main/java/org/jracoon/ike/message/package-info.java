/**
 * ISAKMP messages: a header and its payload chain, decoded in one pass with every length and
 * repeated-payload count checked before it is read, split at the header for encrypted bodies,
 * and checked against per-exchange payload rules ({@link org.jracoon.ike.message.MessageRules})
 * before an exchange sees them.
 */
package org.jracoon.ike.message;
