/**
 * What the alert routes share: the deployment's alert settings (private webhook targets
 * allowed or not, the UI's public URL for links); their schemas are contracts/alerts.ts. The alerts
 * service's own errors (AlertInputError, 400 `invalid_rule`) are OnsetErrors that
 * apiRoute answers with as they are.
 */
import { alertSettingsFromEnv } from "@onset/alerts";
import type { NextRequest } from "next/server";

/** The origin the caller used (Host, or the proxy's X-Forwarded-* headers). */
function requestOrigin(req: NextRequest): string {
  const proto = req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || req.nextUrl.protocol.replace(/:$/, "");
  const host = req.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || req.headers.get("host") || req.nextUrl.host;
  return `${proto}://${host}`;
}

/**
 * Settings of this process. Links use ONSET_PUBLIC_URL, else the origin the request came
 * in on (only the caller's own test notification carries it).
 */
export function alertOptions(req: NextRequest): { allowPrivateWebhooks: boolean; publicWebUrl: string } {
  const s = alertSettingsFromEnv();
  return { allowPrivateWebhooks: s.allowPrivateWebhooks, publicWebUrl: s.publicWebUrl ?? requestOrigin(req) };
}

