/**
 * racoon's pre-shared key file (psk.txt) and the file-safety rule racoon applies to secrets.
 */
package org.jracoon.parser.psk;
