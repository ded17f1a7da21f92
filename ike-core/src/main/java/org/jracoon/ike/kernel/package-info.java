/**
 * What the IKE engine and the daemon say to an IPsec kernel, independent of how it is reached:
 * the {@link org.jracoon.ike.kernel.KernelIpsec} port, SA and policy descriptions, kernel events
 * and kernel errors. Backends (PF_KEY, a recording one for tests and {@code --dry-run}) live in
 * other modules; nothing here knows their message formats.
 */
package org.jracoon.ike.kernel;
