"use client";

import { createContext } from "react";

/** Who is reading: a mention of them is drawn apart (MentionChip). Null outside a chat view. */
export const ViewerIdContext = createContext<number | null>(null);
