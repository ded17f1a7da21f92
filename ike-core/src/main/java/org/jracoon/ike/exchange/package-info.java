/**
 * The IKEv1 exchanges as tasks with build/process (Main Mode, Quick Mode, Informational), the
 * per-authentication-method part of phase 1, and the one manager per ISAKMP SA that owns
 * encryption, retransmission, duplicate detection, message IDs, phase timeouts and error
 * notifications.
 */
package org.jracoon.ike.exchange;
