"use client";

import { Component, type ReactNode } from "react";

interface MessageBoundaryProps {
  /** What shows instead when the children fail to render: the message as plain text. */
  fallback: ReactNode;
  /** A new value (the message was edited) tries the children again. */
  resetKey: string;
  children: ReactNode;
}

/**
 * One message's own error boundary: a message that fails to render in the browser shows as
 * its fallback, and the conversation, thread or live view around it keeps working.
 */
export class MessageBoundary extends Component<MessageBoundaryProps, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  componentDidUpdate(previous: MessageBoundaryProps) {
    if (this.state.failed && previous.resetKey !== this.props.resetKey) {
      this.setState({ failed: false });
    }
  }

  render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
