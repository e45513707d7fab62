/* SPDX-License-Identifier: MIT */
/*
 * dtl.h - the umbrella header of libdtl, the diplomatic event timeline
 * builder.  Include this, link with -ldtl and its dependencies (libical,
 * libcjson, libpcre2-8).
 */
#ifndef DTL_DTL_H
#define DTL_DTL_H

#define DTL_VERSION "0.1.0"

#include "diff.h"
#include "error.h"
#include "event.h"
#include "export.h"
#include "limits.h"
#include "rules.h"
#include "text.h"
#include "timeline.h"
#include "timex.h"

#endif
