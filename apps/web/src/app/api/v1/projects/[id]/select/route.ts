import { findMemberProject } from "@onset/db";
import { NextResponse } from "next/server";
import { selectProjectEndpoint } from "@/contracts/projects";
import { notFound } from "@/server/api-error";
import { PROJECT_COOKIE } from "@/server/auth";
import { serverContext } from "@/server/context";
import { secureCookies } from "@/server/request-origin";
import { userRoute } from "@/server/route";

export const dynamic = "force-dynamic";

/** POST /api/v1/projects/{id}/select: makes one of the user's projects the one their pages show (a cookie); 404 for any other. */
export const POST = userRoute("switching projects", async ({ req, user, params: { id } }) => {
  const project = await findMemberProject(serverContext().prisma, user.userId, id);
  if (!project) throw notFound(`project ${id}`);
  const res = NextResponse.json({ project });
  res.cookies.set(PROJECT_COOKIE, project.id, {
    httpOnly: true,
    sameSite: "lax",
    secure: secureCookies(req),
    path: "/",
    maxAge: 365 * 86_400,
  });
  return res;
}, { contract: selectProjectEndpoint });
