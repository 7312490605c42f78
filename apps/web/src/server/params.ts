/** Path parameter schemas shared by route handlers (defined in lib, where the query parsers use them too). */
export { TraceIdParam } from "@/lib/id-params";
