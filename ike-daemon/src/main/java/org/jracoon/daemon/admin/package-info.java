/**
 * racoon's admin socket: a Unix domain socket, created with the configured owner, group and
 * mode, on which racoonctl asks for SA listings, deletes, negotiations, a reload and events.
 * The protocol is described on {@link org.jracoon.daemon.admin.AdminSocket}.
 */
package org.jracoon.daemon.admin;
