-- CreateIndex
CREATE INDEX CONCURRENTLY "Post_title_idx" ON "Post"("title");
