"""The roster area: members, their dated status, who belongs to a meeting, imports and exports."""
