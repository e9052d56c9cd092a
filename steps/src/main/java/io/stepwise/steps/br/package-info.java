/** {@code br.backup} and {@code br.restore}: BR through SQL (BACKUP/RESTORE) or the {@code br} command line. */
package io.stepwise.steps.br;
