"use client";
import { useQuery } from "@tanstack/react-query";
import type { ProjectRow, Role } from "@onset/db";
import { apiGet } from "@/lib/api-client";

/** A project as GET /api/v1/projects lists it: one of the user's, with their role. */
export type UserProject = Omit<ProjectRow, "createdAt"> & { createdAt: string; role: Role };

/** GET /api/v1/projects */
export interface UserProjects {
  projects: UserProject[];
  currentProjectId: string | null;
  currentRole: Role | null;
}

/** The user's projects and their role in the current one (one cached query, ["projects"], for every settings section). */
export function useUserProjects() {
  return useQuery({ queryKey: ["projects"], queryFn: () => apiGet<UserProjects>("/projects") });
}

/** True when the user may change this project's settings (admin or owner); the server checks again. */
export function canAdminister(role: Role | null | undefined): boolean {
  return role === "owner" || role === "admin";
}
