import { ensureProject, listUserProjects } from "@onset/db";
import { createProjectEndpoint, listProjectsEndpoint, MAX_PROJECTS_LISTED } from "@/contracts/projects";
import { ApiError } from "@/server/api-error";
import { PROJECT_COOKIE } from "@/server/auth";
import { serverContext } from "@/server/context";
import { userRoute } from "@/server/route";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/projects: the projects the logged-in user is a member of (with their role),
 * 500 at most, and the one these pages show (null when they are in none): the page's
 * `?project=` (id or slug) when it is one of theirs, else the project cookie, else their
 * oldest. Other projects are not listed.
 */
export const GET = userRoute("listing projects", async ({ req, query, user }) => {
  const projects = await listUserProjects(serverContext().prisma, user.userId, MAX_PROJECTS_LISTED);
  const asked = query.project;
  const remembered = req.cookies.get(PROJECT_COOKIE)?.value;
  const named = asked ? projects.find((p) => p.id === asked || p.slug === asked) : undefined;
  const current = named ?? projects.find((p) => p.id === remembered) ?? projects[0] ?? null;
  // A link to a project the user is not in (or that does not exist) is named, so the page can say so.
  const unknownProject = asked && !named ? asked : null;
  return { projects, currentProjectId: current?.id ?? null, currentRole: current?.role ?? null, unknownProject };
}, { contract: listProjectsEndpoint });

/** A URL-safe slug from a project name. */
function slugOf(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 63) || "project"
  );
}

/** POST /api/v1/projects {name, slug?}: creates a project owned by the logged-in user; 409 when the slug is taken. */
export const POST = userRoute(
  "creating a project",
  async ({ body, user }) => {
    const { project, created } = await ensureProject(serverContext().prisma, body.slug ?? slugOf(body.name), body.name, { ownerId: user.userId });
    if (!created) throw new ApiError(409, "conflict", `a project with slug ${project.slug} exists already`);
    return { project };
  },
  { status: 201, contract: createProjectEndpoint },
);
