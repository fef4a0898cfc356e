/** Classes that break the server's architecture rules on purpose, so the rules are seen to fire. Test code only. */
package vigil.server.canary;
