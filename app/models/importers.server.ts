/** The importers library, for routes: the `.server` suffix keeps it (and iconv-lite, PapaParse…) out of the browser bundle. */
export * from "../../importers";
