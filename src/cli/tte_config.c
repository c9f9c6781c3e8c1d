/* cli/tte_config.c — the electronic-signature settings of the configuration (config.h)
 * as the signers take them (domain/izin/izin_tte.h), with the timestamp authority's
 * trust bundle loaded when one is configured.  Shared by `loket serve` and `loket izin`. */
#include "cli/commands.h"
#include "domain/izin/izin_tte.h"
#include <stdio.h>

int cli_tte_config(const config *cfg, izin_tte_config *out)
{
    *out = (izin_tte_config){.remote_url = cfg->tte_url, .remote_user = cfg->tte_user,
                             .remote_password = cfg->tte_password, .timeout_s = cfg->tte_timeout_s,
                             .required = cfg->tte_required, .tsa_url = cfg->tte_tsa_url,
                             .tsa_user = cfg->tte_tsa_user, .tsa_password = cfg->tte_tsa_password,
                             .tsa_timeout_s = cfg->tte_tsa_timeout_s};
    if (!cfg->tte_tsa_url[0]) return 0;
    char err[1200];
    if (izin_tte_tsa_load(out, cfg->tte_tsa_ca, err, sizeof err) != 0) {
        fprintf(stderr, "loket: %s\n", err);
        return -1;
    }
    return 0;
}
