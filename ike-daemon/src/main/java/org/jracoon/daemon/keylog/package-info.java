/**
 * {@code --export-keys}: the keys of every negotiated SA written out in Wireshark's formats, so
 * that a capture of the negotiation and of the traffic can be decrypted.
 */
package org.jracoon.daemon.keylog;
