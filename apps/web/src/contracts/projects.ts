/** Contract of /api/v1/projects: the logged-in user's projects, creating one, switching. */
import { ROLES } from "@onset/db";
import { z } from "zod";
import { ProjectOnlyQuery, Timestamp, type Endpoint, type ResponseOf } from "./endpoint";

/** Most projects one user's listing answers (oldest first). */
export const MAX_PROJECTS_LISTED = 500;

/** A project as the API shows it. */
export const ProjectSchema = z.object({ id: z.string(), slug: z.string(), name: z.string(), createdAt: Timestamp });

/** One of the user's projects, with their role in it. */
export const UserProjectSchema = ProjectSchema.extend({ role: z.enum(ROLES) });
/** A project of the user's, as JSON carries it. */
export type UserProject = z.infer<typeof UserProjectSchema>;

/** GET /api/v1/projects?project=: the user's projects and the one their pages show (`project` names it, by id or slug). */
export const listProjectsEndpoint = {
  query: ProjectOnlyQuery,
  response: z.object({
    projects: z.array(UserProjectSchema).max(MAX_PROJECTS_LISTED),
    currentProjectId: z.string().nullable(),
    currentRole: z.enum(ROLES).nullable(),
    /** The page's `?project=` when it is none of the user's projects (the page says so). */
    unknownProject: z.string().nullable(),
  }),
} satisfies Endpoint;

/** POST /api/v1/projects {name, slug?}: a project owned by the caller; 409 when the slug is taken. */
export const createProjectEndpoint = {
  body: z
    .object({
      name: z.string().trim().min(1).max(100),
      slug: z
        .string()
        .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "slug: lowercase letters, digits and dashes")
        .optional(),
    })
    .strict(),
  response: z.object({ project: ProjectSchema }),
} satisfies Endpoint;

/** POST /api/v1/projects/{id}/select: id or slug of one of the user's projects. */
export const selectProjectEndpoint = {
  params: z.object({ id: z.string().min(1).max(200) }),
  response: z.object({ project: UserProjectSchema }),
} satisfies Endpoint;

/** Answer of GET /api/v1/projects. */
export type UserProjects = ResponseOf<typeof listProjectsEndpoint>;
